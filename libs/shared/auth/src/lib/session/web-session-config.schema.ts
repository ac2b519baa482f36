import { redisUrl } from '@bff/config';
import { z } from 'zod';
import { DEFAULT_SESSION_TTL_SECONDS } from './web-session-options';

/**
 * The web gateway's session variables, to spread into its config schema.
 * `REDIS_URL` unset keeps sessions in process memory (fine for one replica).
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), ...authConfigShape('web'), ...webSessionConfigShape() });
 */
export function webSessionConfigShape() {
  return {
    REDIS_URL: redisUrl(),
    SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(DEFAULT_SESSION_TTL_SECONDS),
  };
}
