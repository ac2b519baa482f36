import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';

/**
 * The downstream services the gateways call; each one has its own client, axios
 * instance, connection pool and limits.
 *
 * @example
 * const service: DownstreamService = 'review';
 */
export type DownstreamService = 'product' | 'review' | 'inventory' | 'user';

/**
 * How one downstream service is reached, and the limits every call to it obeys.
 *
 * @example
 * const review: DownstreamOptions = {
 *   baseUrl: 'http://127.0.0.1:4002', timeoutMs: 2000, maxConnections: 64, maxResponseBytes: 1_048_576,
 * };
 */
export interface DownstreamOptions {
  /** Absolute http(s) URL every path of this service is resolved against. */
  baseUrl: string;
  /** Default time limit of one call, from dispatch to the last body byte. */
  timeoutMs: number;
  /** Connections kept to the service at most; further calls queue for a free one. */
  maxConnections: number;
  /** Larger responses are cut off and fail as a bad upstream response. */
  maxResponseBytes: number;
}

/**
 * Options of every client, per service, so one slow or chatty service can get its
 * own limits.
 *
 * @example
 * const defaults = serviceClientsOptionsFrom(config);
 * const options: ServiceClientsOptions = { ...defaults, review: { ...defaults.review, timeoutMs: 500 } };
 */
export type ServiceClientsOptions = Readonly<Record<DownstreamService, DownstreamOptions>>;

/**
 * Options of `ServiceClientsModule.forRootAsync`: a factory, with its injected
 * dependencies, that returns the clients' options.
 *
 * @example
 * ServiceClientsModule.forRootAsync({ inject: [WebBffConfig], useFactory: serviceClientsOptionsFrom, global: true })
 */
export interface ServiceClientsAsyncOptions {
  /** Modules whose providers `inject` needs, unless they are global (as `ConfigModule`'s config is). */
  imports?: ModuleMetadata['imports'];
  inject?: FactoryProvider['inject'];
  useFactory: (...deps: never[]) => ServiceClientsOptions | Promise<ServiceClientsOptions>;
  /** Makes the clients injectable in every module of the app, not only in importers. */
  global?: boolean;
}

/**
 * DI token of the resolved {@link ServiceClientsOptions}.
 *
 * @example
 * constructor(@Inject(SERVICE_CLIENTS_OPTIONS) private readonly options: ServiceClientsOptions) {}
 */
export const SERVICE_CLIENTS_OPTIONS = Symbol('SERVICE_CLIENTS_OPTIONS');
