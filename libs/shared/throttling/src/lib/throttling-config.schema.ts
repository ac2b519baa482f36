import { redisUrl } from '@bff/config';
import { z } from 'zod';
import { POLICY_NAME, TierPolicy } from './tier-policy';

/**
 * The environment variables of the rate limiter that every app shares; app schemas
 * spread it in, next to one {@link rateLimitTier} field per tier.
 *
 * - `REDIS_URL` (optional, `redis://` or `rediss://`): share limits across replicas.
 *
 * @example
 * const schema = z.object({
 *   ...listenConfigShape(3001),
 *   ...throttlingConfigShape(),
 *   RATE_LIMIT_DEFAULT: rateLimitTier('burst=20/1s, minute=600/1m'),
 *   RATE_LIMIT_LOGIN: rateLimitTier('login=5/1m'),
 * });
 */
export function throttlingConfigShape() {
  return {
    REDIS_URL: redisUrl(),
  };
}

/**
 * A tier as one environment variable, `name=limit/window` per policy, comma
 * separated; the window is a whole number of seconds, minutes or hours (`30s`,
 * `1m`, `1h`). Parses to the tier's `TierPolicy[]`.
 *
 * @example
 * RATE_LIMIT_DEFAULT: rateLimitTier('burst=20/1s, minute=600/1m'),
 * // RATE_LIMIT_DEFAULT="burst=50/1s, minute=1200/1m" overrides it for one deployment
 */
export function rateLimitTier(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((spec, context) => {
      const policies = parseTierSpec(spec);
      if (typeof policies === 'string') {
        context.addIssue({ code: 'custom', message: policies });
        return z.NEVER;
      }
      return policies;
    });
}

const POLICY_SPEC = /^([^=\s]+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*([smh])$/;
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600 } as const;

/** The policies of a spec, or why it is invalid. */
export function parseTierSpec(spec: string): TierPolicy[] | string {
  const expected = 'expected "name=limit/window, ..." such as "burst=20/1s, minute=600/1m"';
  const policies: TierPolicy[] = [];
  for (const part of spec.split(',')) {
    const match = POLICY_SPEC.exec(part.trim());
    if (!match) return expected;
    const [, name, limit, amount, unit] = match;
    if (!POLICY_NAME.test(name)) return `policy names are 1-32 letters, digits, "-" or "_"; ${expected}`;
    if (policies.some((policy) => policy.name === name)) return `policy "${name}" appears twice`;
    const windowSeconds = Number(amount) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS];
    if (Number(limit) < 1 || windowSeconds < 1)
      return `policy "${name}" needs a limit and a window above zero`;
    policies.push({ name, limit: Number(limit), windowSeconds });
  }
  return policies;
}
