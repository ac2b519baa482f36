import type { DownstreamService } from '@bff/downstream-contracts';
import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';

/**
 * The downstream services the gateways call; each one has its own client, axios
 * instance, connection pool, limits and resilience policy. The list itself is
 * `DOWNSTREAM_SERVICES` in `@bff/downstream-contracts`.
 *
 * @example
 * const service: DownstreamService = 'review';
 */
export type { DownstreamService } from '@bff/downstream-contracts';

/**
 * When and how often a failed call is tried again. Only idempotent calls are
 * retried (GET, or any call that carries an `Idempotency-Key`).
 *
 * @example
 * const retry: RetryOptions = {
 *   retries: 2, baseDelayMs: 25, maxDelayMs: 250, maxRetryAfterMs: 1000,
 *   budgetPercent: 20, budgetMinRetries: 3, budgetWindowMs: 10_000,
 * };
 */
export interface RetryOptions {
  /** Further tries after the first one; 0 turns retries off. */
  retries: number;
  /** The backoff before retry n is uniform in [0, min(maxDelayMs, baseDelayMs × 2^n)) ("full jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` asking for a longer wait than this ends the call instead of retrying early. */
  maxRetryAfterMs: number;
  /** Retries allowed, as a share of the calls made in the window, so failures never multiply load. */
  budgetPercent: number;
  /** Retries allowed in any window whatever the traffic, so a quiet service still gets retried. */
  budgetMinRetries: number;
  budgetWindowMs: number;
}

/**
 * When the circuit breaker of a service opens and when it tries again.
 *
 * @example
 * const breaker: BreakerOptions = { failureRatio: 0.5, minRequests: 20, windowMs: 10_000, cooldownMs: 5_000 };
 */
export interface BreakerOptions {
  /** Opens when more than this share (0–1, exclusive) of the calls in the window failed... */
  failureRatio: number;
  /** ...and at least this many calls were made in it. */
  minRequests: number;
  windowMs: number;
  /** How long an open breaker fails fast before it lets one probe call through. */
  cooldownMs: number;
}

/**
 * How many calls to one service may be in flight and wait at once.
 *
 * @example
 * const bulkhead: BulkheadOptions = { maxConcurrency: 128, maxQueue: 64 };
 */
export interface BulkheadOptions {
  maxConcurrency: number;
  /** Calls waiting for a free slot; past this, calls fail at once. */
  maxQueue: number;
}

/**
 * How one downstream service is reached, and the limits and resilience policy
 * every call to it obeys.
 *
 * @example
 * const review: DownstreamOptions = {
 *   baseUrl: 'http://127.0.0.1:4002', timeoutMs: 2000, callTimeoutMs: 5000,
 *   maxConnections: 64, maxResponseBytes: 1_048_576,
 *   retry: { retries: 2, baseDelayMs: 25, maxDelayMs: 250, maxRetryAfterMs: 1000,
 *            budgetPercent: 20, budgetMinRetries: 3, budgetWindowMs: 10_000 },
 *   breaker: { failureRatio: 0.5, minRequests: 20, windowMs: 10_000, cooldownMs: 5_000 },
 *   bulkhead: { maxConcurrency: 128, maxQueue: 64 },
 * };
 */
export interface DownstreamOptions {
  /** Absolute http(s) URL every path of this service is resolved against. */
  baseUrl: string;
  /** `host:port` of the service's gRPC server, for a service whose client speaks gRPC. */
  grpcTarget?: string;
  /** The broker and request queue of a service whose client speaks AMQP request/reply. */
  amqp?: AmqpServiceOptions;
  /** Time limit of one try, from dispatch to the last body byte. */
  timeoutMs: number;
  /** Time limit of a whole call, every try and backoff included, unless the call sets its own. */
  callTimeoutMs: number;
  /** Connections kept to the service at most; further calls queue for a free one. */
  maxConnections: number;
  /** Larger responses are cut off and fail as a bad upstream response. */
  maxResponseBytes: number;
  retry: RetryOptions;
  breaker: BreakerOptions;
  bulkhead: BulkheadOptions;
}

/**
 * Where a service reached over AMQP takes its requests.
 *
 * @example
 * const amqp: AmqpServiceOptions = { url: 'amqp://guest:guest@127.0.0.1:5672', requestQueue: 'bff.shipping.v1.estimate' };
 */
export interface AmqpServiceOptions {
  /** The broker (`AMQP_URL`); it may hold a password, so it is never logged. */
  url: string;
  /** The queue the service consumes its requests from, prefix included. */
  requestQueue: string;
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
