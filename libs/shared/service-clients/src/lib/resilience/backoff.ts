import type { RetryOptions } from '../service-clients.options';

/**
 * The wait before retry number `retry` (0 for the first): uniform in
 * `[0, min(maxDelayMs, baseDelayMs × 2^retry))`. Full jitter rather than a fixed
 * exponential step, so callers that failed together do not retry together.
 *
 * @example
 * fullJitterDelay(2, { baseDelayMs: 25, maxDelayMs: 250 }); // somewhere in [0, 100)
 */
export function fullJitterDelay(
  retry: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}
