import type { AmqpTopology } from './amqp/amqp-topology';

/**
 * The downstream services the gateways call, in one table: everything else that
 * lists them derives from it (the clients' config schema, the clients module and
 * health, the demo services' default ports, the test harness, and `npm start`
 * through `downstream-services.json`, which a spec keeps equal to this table).
 *
 * Per service:
 * - `app`: the Nx project of its demo stand-in, which logs `<app> listening on <url>`;
 * - `root`: that project's folder, and so its bundle's place under `dist/`;
 * - `envPrefix`: gateways read its base URL from `<envPrefix>_URL` and per-service
 *   policy from `<envPrefix>_<KNOB>`; `npm start` moves it with `<envPrefix>_PORT`;
 * - `defaultPort`: where the demo service listens, and so the gateways' default URL;
 * - `grpc` (only services that also speak gRPC): gateways read its gRPC target
 *   (`host:port`) from `<grpc.envPrefix>_URL`; `npm start` moves it with
 *   `<grpc.envPrefix>_PORT`, and the demo service listens on `grpc.defaultPort`.
 * - `amqp` (only services the gateways reach over RabbitMQ): the request queue of its
 *   request/reply API, by its key in `amqpTopology`; broker and prefix are
 *   `AMQP_URL` and `AMQP_QUEUE_PREFIX`. Its HTTP port serves only the demo's
 *   fault knobs and health.
 *
 * Key order is the order services are listed, configured and started in.
 *
 * @example
 * DOWNSTREAM_SERVICES.review.envPrefix; // 'REVIEW_SERVICE'
 */
export const DOWNSTREAM_SERVICES = {
  product: {
    app: 'product-service',
    root: 'apps/demo/product-service',
    envPrefix: 'PRODUCT_SERVICE',
    defaultPort: 4001,
  },
  review: {
    app: 'review-service',
    root: 'apps/demo/review-service',
    envPrefix: 'REVIEW_SERVICE',
    defaultPort: 4002,
  },
  inventory: {
    app: 'inventory-service',
    root: 'apps/demo/inventory-service',
    envPrefix: 'INVENTORY_SERVICE',
    defaultPort: 4003,
    grpc: { envPrefix: 'INVENTORY_GRPC', defaultPort: 5003 },
  },
  user: {
    app: 'user-service',
    root: 'apps/demo/user-service',
    envPrefix: 'USER_SERVICE',
    defaultPort: 4004,
  },
  shipping: {
    app: 'shipping-service',
    root: 'apps/demo/shipping-service',
    envPrefix: 'SHIPPING_SERVICE',
    defaultPort: 4005,
    amqp: { requestQueue: 'deliveryEstimates' },
  },
} as const satisfies Record<string, DownstreamServiceEntry>;

/**
 * One row of {@link DOWNSTREAM_SERVICES}.
 *
 * @example
 * const row: DownstreamServiceEntry = { app: 'user-service', root: 'apps/demo/user-service', envPrefix: 'USER_SERVICE', defaultPort: 4004 };
 */
export interface DownstreamServiceEntry {
  app: string;
  root: string;
  envPrefix: string;
  defaultPort: number;
  /** Set when the service also serves gRPC: its variable prefix and default port. */
  grpc?: { envPrefix: string; defaultPort: number };
  /** Set when the gateways call the service over AMQP: the request queue's key in `amqpTopology`. */
  amqp?: { requestQueue: keyof AmqpTopology };
}

/**
 * A downstream service's name, e.g. `'review'`; each one has its own client,
 * connection pool, limits and resilience policy in the gateways.
 *
 * @example
 * const service: DownstreamService = 'review';
 */
export type DownstreamService = keyof typeof DOWNSTREAM_SERVICES;

/**
 * The Nx project of a service's demo stand-in, e.g. `'review-service'`.
 *
 * @example
 * const app: DownstreamServiceApp = DOWNSTREAM_SERVICES.review.app;
 */
export type DownstreamServiceApp = (typeof DOWNSTREAM_SERVICES)[DownstreamService]['app'];

/**
 * A service's variable prefix, e.g. `'REVIEW_SERVICE'`.
 *
 * @example
 * const variable: `${DownstreamServiceEnvPrefix}_URL` = 'REVIEW_SERVICE_URL';
 */
export type DownstreamServiceEnvPrefix = (typeof DOWNSTREAM_SERVICES)[DownstreamService]['envPrefix'];

/**
 * Every service's name, in table order.
 *
 * @example
 * for (const service of DOWNSTREAM_SERVICE_NAMES) console.log(service); // product, review, inventory, user
 */
export const DOWNSTREAM_SERVICE_NAMES = Object.keys(DOWNSTREAM_SERVICES) as readonly DownstreamService[];

/**
 * The variable a gateway reads a service's base URL from.
 *
 * @example
 * downstreamUrlVariable('review'); // 'REVIEW_SERVICE_URL'
 */
export function downstreamUrlVariable<S extends DownstreamService>(
  service: S,
): `${(typeof DOWNSTREAM_SERVICES)[S]['envPrefix']}_URL` {
  return `${DOWNSTREAM_SERVICES[service].envPrefix}_URL`;
}

/**
 * The services that also serve gRPC, e.g. `'inventory'`.
 *
 * @example
 * const service: DownstreamGrpcService = 'inventory';
 */
export type DownstreamGrpcService = {
  [S in DownstreamService]: (typeof DOWNSTREAM_SERVICES)[S] extends { grpc: object } ? S : never;
}[DownstreamService];

/**
 * The variable a gateway reads a service's gRPC target (`host:port`) from, or
 * `undefined` for a service that speaks HTTP only.
 *
 * @example
 * downstreamGrpcVariable('inventory'); // 'INVENTORY_GRPC_URL'
 * downstreamGrpcVariable('review'); // undefined
 */
export function downstreamGrpcVariable<S extends DownstreamService>(
  service: S,
): S extends DownstreamGrpcService ? `${(typeof DOWNSTREAM_SERVICES)[S]['grpc']['envPrefix']}_URL` : undefined;
export function downstreamGrpcVariable(service: DownstreamService): string | undefined {
  const entry: DownstreamServiceEntry = DOWNSTREAM_SERVICES[service];
  return entry.grpc && `${entry.grpc.envPrefix}_URL`;
}
