import { type Tree, getProjects, names } from '@nx/devkit';

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/** Every name the generated route's files use. */
export interface RouteTarget {
  /** `tv-bff` and its client, `tv`. */
  app: string;
  client: string;
  /** `Tv`, `TV`: the client's prefix of types and constants. */
  clientClass: string;
  clientConstant: string;
  /** `product-summary`, `ProductSummary`, `productSummary`, `PRODUCT_SUMMARY`: the route's. */
  route: string;
  routeClass: string;
  routeProperty: string;
  routeConstant: string;
}

/**
 * Checks that `project` is a client gateway made like the generated ones (its module,
 * config, API description and contracts lib where the route's files go) and that
 * `name` is a kebab-case resource it does not serve yet, saying what is wrong.
 *
 * @example
 * routeTarget(tree, 'tv-bff', 'product-summary'); // { app: 'tv-bff', client: 'tv', routeClass: 'ProductSummary', ... }
 */
export function routeTarget(tree: Tree, project: string, route: string): RouteTarget {
  const configuration = getProjects(tree).get(project);
  if (!configuration || !project.endsWith('-bff') || !configuration.tags?.includes('type:app')) {
    throw new Error(`"${project}" is not a client gateway: give --project a <client>-bff app, e.g. tv-bff.`);
  }
  if (!KEBAB_CASE.test(route)) {
    throw new Error(`The route name must be kebab-case (e.g. "product-summary"), got "${route}".`);
  }
  const client = project.slice(0, -'-bff'.length);
  const needed = [
    `apps/${project}/src/app/app.module.ts`,
    `apps/${project}/src/app/${project}.config.ts`,
    `apps/${project}/src/openapi/api-description.ts`,
    `libs/${client}/contracts/src/index.ts`,
  ].filter((file) => !tree.exists(file));
  if (needed.length > 0) throw new Error(`${project} is not laid out like a generated gateway: ${needed.join(', ')} missing.`);
  if (tree.exists(`apps/${project}/src/app/${route}`)) {
    throw new Error(`${project} already has a route "${route}" (apps/${project}/src/app/${route}).`);
  }
  const clientNames = names(client);
  const routeNames = names(route);
  return {
    app: project,
    client,
    clientClass: clientNames.className,
    clientConstant: clientNames.constantName,
    route,
    routeClass: routeNames.className,
    routeProperty: routeNames.propertyName,
    routeConstant: routeNames.constantName,
  };
}
