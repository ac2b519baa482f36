import { flag } from '@bff/config';

/**
 * The cache variables a gateway reads, to spread into its config schema.
 * `RESPONSE_CACHE_ENABLED=false` turns every route's cache into a pass-through.
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3001), ...cachingConfigShape() });
 */
export function cachingConfigShape() {
  return { RESPONSE_CACHE_ENABLED: flag(true) };
}
