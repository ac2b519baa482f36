import { amqpConfigShape, grpcTarget, httpUrl } from '@bff/config';
import {
  DOWNSTREAM_SERVICES,
  amqpTopology,
  type DownstreamServiceEntry,
  DOWNSTREAM_SERVICE_NAMES,
  downstreamGrpcVariable,
  type DownstreamServiceEnvPrefix,
} from '@bff/downstream-contracts';
import { z } from 'zod';
import type { DownstreamOptions, DownstreamService, ServiceClientsOptions } from '../service-clients.options';

interface Knob {
  fallback: number;
  min: number;
  max: number;
  /** Whole numbers only, unless the knob is a ratio or a percentage. */
  int?: false;
}

/**
 * Every per-service limit and policy, by the suffix of its variables:
 * `DOWNSTREAM_<KNOB>` sets it for every service and `<SERVICE>_SERVICE_<KNOB>`
 * (e.g. `REVIEW_SERVICE_TIMEOUT_MS`) for one. Bounds keep a typo from turning a
 * limit into "none" or a timeout into hours.
 */
const KNOBS = {
  /** Time limit of one try. */
  TIMEOUT_MS: { fallback: 2_000, min: 1, max: 600_000 },
  /** Time limit of a whole call, tries and backoff included, when the route sets none. */
  CALL_TIMEOUT_MS: { fallback: 5_000, min: 1, max: 600_000 },
  MAX_CONNECTIONS: { fallback: 64, min: 1, max: 1_024 },
  /** Larger responses fail as 502 instead of filling the gateway's memory. */
  MAX_RESPONSE_BYTES: { fallback: 1_048_576, min: 1_024, max: 64 * 1_048_576 },
  RETRIES: { fallback: 2, min: 0, max: 5 },
  RETRY_BASE_DELAY_MS: { fallback: 25, min: 1, max: 10_000 },
  RETRY_MAX_DELAY_MS: { fallback: 250, min: 1, max: 60_000 },
  RETRY_AFTER_MAX_MS: { fallback: 1_000, min: 0, max: 60_000 },
  RETRY_BUDGET_PERCENT: { fallback: 20, min: 0, max: 100, int: false },
  RETRY_BUDGET_MIN_RETRIES: { fallback: 3, min: 0, max: 1_000_000 },
  RETRY_BUDGET_WINDOW_MS: { fallback: 10_000, min: 1_000, max: 600_000 },
  BREAKER_FAILURE_RATIO: { fallback: 0.5, min: 0.01, max: 0.99, int: false },
  BREAKER_MIN_REQUESTS: { fallback: 20, min: 1, max: 1_000_000 },
  BREAKER_WINDOW_MS: { fallback: 10_000, min: 1_000, max: 600_000 },
  BREAKER_COOLDOWN_MS: { fallback: 5_000, min: 1, max: 600_000 },
  MAX_CONCURRENCY: { fallback: 128, min: 1, max: 100_000 },
  MAX_QUEUE: { fallback: 64, min: 0, max: 100_000 },
} as const satisfies Record<string, Knob>;

type KnobName = keyof typeof KNOBS;

type NumberField = ReturnType<typeof numberField>;

/** `INVENTORY_GRPC_URL` and any other gRPC target variable of the table. */
type GrpcTargetVariable = Exclude<
  { [S in DownstreamService]: ReturnType<typeof downstreamGrpcVariable<S>> }[DownstreamService],
  undefined
>;

type DownstreamConfigShape = {
  [P in DownstreamServiceEnvPrefix as `${P}_URL`]: ReturnType<typeof httpUrl>;
} & {
  [V in GrpcTargetVariable]: ReturnType<typeof grpcTarget>;
} & ReturnType<typeof amqpConfigShape> & {
  [K in KnobName as `DOWNSTREAM_${K}`]: z.ZodDefault<NumberField>;
} & {
  [K in `${DownstreamServiceEnvPrefix}_${KnobName}`]: z.ZodOptional<NumberField>;
};

function numberField(knob: Knob) {
  const number = knob.int === false ? z.coerce.number() : z.coerce.number().int();
  return number.min(knob.min).max(knob.max);
}

/**
 * The environment variables of the downstream clients, as a zod shape each app
 * spreads into its own config schema (so the app still parses its environment
 * once, in one place). Besides each service's base URL (and gRPC target), the broker
 * of the services reached over AMQP (`AMQP_URL`, `AMQP_QUEUE_PREFIX`), every limit and policy has a
 * default for all services (`DOWNSTREAM_TIMEOUT_MS`) and an optional override per
 * service (`REVIEW_SERVICE_TIMEOUT_MS`); an out-of-range value stops the app at
 * start-up with an error naming the variable.
 *
 * @example
 * export const webBffConfigSchema = z.object({
 *   ...listenConfigShape(3000),
 *   ...downstreamConfigShape(),
 * });
 */
export function downstreamConfigShape(): DownstreamConfigShape {
  // The broker of the services reached over AMQP: also the gateway's, for anything else it sends there.
  const shape: Record<string, z.ZodType> = { ...amqpConfigShape() };
  // By default each URL points at the service's demo stand-in, where `npm start` runs it.
  for (const entry of Object.values(DOWNSTREAM_SERVICES)) {
    shape[`${entry.envPrefix}_URL`] = httpUrl(`http://127.0.0.1:${entry.defaultPort}`);
    if ('grpc' in entry) shape[`${entry.grpc.envPrefix}_URL`] = grpcTarget(`127.0.0.1:${entry.grpc.defaultPort}`);
  }
  for (const [name, knob] of Object.entries(KNOBS) as [KnobName, Knob][]) {
    shape[`DOWNSTREAM_${name}`] = numberField(knob).default(knob.fallback);
  }
  for (const { envPrefix: prefix } of Object.values(DOWNSTREAM_SERVICES)) {
    for (const [name, knob] of Object.entries(KNOBS) as [KnobName, Knob][]) {
      shape[`${prefix}_${name}`] = numberField(knob).optional();
    }
  }
  return shape as DownstreamConfigShape;
}

/**
 * The parsed values of {@link downstreamConfigShape}.
 *
 * @example
 * const timeout: DownstreamConfig['DOWNSTREAM_TIMEOUT_MS'] = 2000;
 */
export type DownstreamConfig = z.output<z.ZodObject<DownstreamConfigShape>>;

/**
 * Anything that reads the downstream variables by name: every app's `TypedConfig`
 * subclass whose schema spreads {@link downstreamConfigShape}.
 *
 * @example
 * const reader: DownstreamConfigReader = new WebBffConfig(values);
 */
export interface DownstreamConfigReader {
  get<K extends keyof DownstreamConfig>(key: K): DownstreamConfig[K];
}

/**
 * Builds the clients' options from an app's config: each service's own override
 * where set, else the `DOWNSTREAM_*` value. Its signature fits `useFactory`
 * directly, so wiring the clients into an app is one line.
 *
 * @example
 * ServiceClientsModule.forRootAsync({ inject: [WebBffConfig], useFactory: serviceClientsOptionsFrom, global: true })
 * // or, to give one service limits the environment cannot express:
 * useFactory: (config: WebBffConfig) => {
 *   const options = serviceClientsOptionsFrom(config);
 *   return { ...options, review: { ...options.review, timeoutMs: 800 } };
 * }
 */
export function serviceClientsOptionsFrom(config: DownstreamConfigReader): ServiceClientsOptions {
  return Object.fromEntries(
    DOWNSTREAM_SERVICE_NAMES.map((service) => [service, serviceOptions(config, service)]),
  ) as Record<DownstreamService, DownstreamOptions>;
}

function serviceOptions(config: DownstreamConfigReader, service: DownstreamService): DownstreamOptions {
  const prefix = DOWNSTREAM_SERVICES[service].envPrefix;
  const value = (knob: KnobName): number =>
    config.get(`${prefix}_${knob}`) ?? config.get(`DOWNSTREAM_${knob}`);
  const grpcVariable = downstreamGrpcVariable(service) as GrpcTargetVariable | undefined;
  const { amqp }: DownstreamServiceEntry = DOWNSTREAM_SERVICES[service];
  return {
    baseUrl: config.get(`${prefix}_URL`),
    ...(grpcVariable !== undefined && { grpcTarget: config.get(grpcVariable) }),
    ...(amqp !== undefined && {
      amqp: {
        url: config.get('AMQP_URL'),
        requestQueue: amqpTopology(config.get('AMQP_QUEUE_PREFIX') as string)[amqp.requestQueue],
      },
    }),
    timeoutMs: value('TIMEOUT_MS'),
    callTimeoutMs: value('CALL_TIMEOUT_MS'),
    maxConnections: value('MAX_CONNECTIONS'),
    maxResponseBytes: value('MAX_RESPONSE_BYTES'),
    retry: {
      retries: value('RETRIES'),
      baseDelayMs: value('RETRY_BASE_DELAY_MS'),
      maxDelayMs: value('RETRY_MAX_DELAY_MS'),
      maxRetryAfterMs: value('RETRY_AFTER_MAX_MS'),
      budgetPercent: value('RETRY_BUDGET_PERCENT'),
      budgetMinRetries: value('RETRY_BUDGET_MIN_RETRIES'),
      budgetWindowMs: value('RETRY_BUDGET_WINDOW_MS'),
    },
    breaker: {
      failureRatio: value('BREAKER_FAILURE_RATIO'),
      minRequests: value('BREAKER_MIN_REQUESTS'),
      windowMs: value('BREAKER_WINDOW_MS'),
      cooldownMs: value('BREAKER_COOLDOWN_MS'),
    },
    bulkhead: { maxConcurrency: value('MAX_CONCURRENCY'), maxQueue: value('MAX_QUEUE') },
  };
}
