import { redisUrl } from '@bff/config';
import { z } from 'zod';
import { DEFAULT_SESSION_LIMITS } from './session-limits';
import { DEFAULT_SESSION_TTL_SECONDS } from './web-session-options';

/**
 * The web gateway's session variables, to spread into its config schema.
 * `REDIS_URL` unset keeps sessions in process memory (fine for one replica).
 * `SESSION_MAX_PER_USER` caps one user's sessions (signing in once more ends their
 * oldest); `SESSION_MAX_TOTAL` caps everyone's together (a sign-in beyond it gets 503).
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), ...authConfigShape('web'), ...webSessionConfigShape() });
 */
export function webSessionConfigShape() {
  return {
    REDIS_URL: redisUrl(),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(DEFAULT_SESSION_TTL_SECONDS),
    SESSION_MAX_PER_USER: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_SESSION_LIMITS.maxPerUser),
    SESSION_MAX_TOTAL: z.coerce.number().int().min(1).max(100_000_000).default(DEFAULT_SESSION_LIMITS.maxTotal),
  };
}
