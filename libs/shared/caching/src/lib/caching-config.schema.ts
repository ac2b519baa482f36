import { flag, redisConfigShape } from '@bff/config';

/**
 * The cache variables a gateway reads, to spread into its config schema (add
 * `refineRedisConfig` from `@bff/config` to the schema: it refuses plaintext Redis
 * across the network in production).
 * `RESPONSE_CACHE_ENABLED=false` turns every route's cache into a pass-through;
 * `REDIS_URL` (`redis://` or `rediss://`) shares it across replicas.
 *
 * @example
 * const schema = z
 *   .object({ ...listenConfigShape(3001), ...authConfigShape('mobile'), ...cachingConfigShape() })
 *   .superRefine(refineRedisConfig);
 */
export function cachingConfigShape() {
  return { ...redisConfigShape(), RESPONSE_CACHE_ENABLED: flag(true) };
}
