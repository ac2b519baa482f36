import type { DownstreamService } from '@bff/service-clients';

/** DI token of the resolved {@link HealthProbesOptions}. */
export const HEALTH_PROBES_OPTIONS = Symbol('HEALTH_PROBES_OPTIONS');

/**
 * What a gateway's readiness probe (`GET /health/ready`) depends on.
 *
 * @example
 * const options: HealthProbesOptions = { redisUrl: undefined, amqpUrl: 'amqp://127.0.0.1', requiredDownstreams: ['product'] };
 */
export interface HealthProbesOptions {
  /** `REDIS_URL`: when set, Redis must be reachable. */
  redisUrl: string | undefined;
  /** `AMQP_URL`: once the gateway has opened a connection to it, the broker must be connected. */
  amqpUrl: string | undefined;
  /** The downstream services without which the gateway answers nothing useful: none may have an open breaker. */
  requiredDownstreams: readonly DownstreamService[];
}

/** The variables the probes read, as a gateway's config parsed them. */
interface HealthProbesConfig {
  REDIS_URL?: string | undefined;
  AMQP_URL: string;
}

/**
 * Anything that reads those variables by name: a gateway's `TypedConfig` subclass.
 *
 * @example
 * const reader: HealthProbesConfigReader = webBffConfig;
 */
export interface HealthProbesConfigReader {
  get<K extends keyof HealthProbesConfig>(key: K): HealthProbesConfig[K];
}

/**
 * The options from a gateway's config, with the downstream services its routes
 * cannot answer without.
 *
 * @example
 * healthProbesOptionsFrom(config, ['product', 'user']); // { redisUrl: undefined, amqpUrl: 'amqp://…', requiredDownstreams: ['product', 'user'] }
 */
export function healthProbesOptionsFrom(
  config: HealthProbesConfigReader,
  requiredDownstreams: readonly DownstreamService[],
): HealthProbesOptions {
  return { redisUrl: config.get('REDIS_URL'), amqpUrl: config.get('AMQP_URL'), requiredDownstreams };
}
