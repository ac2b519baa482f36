export interface ComposedRouteSchema {
  /** The client gateway the route joins (`tv-bff`). */
  project: string;
  /** The route's resource, in kebab-case: `GET /<name>/:productId`. */
  name: string;
}
