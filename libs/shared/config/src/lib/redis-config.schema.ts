import type { z } from 'zod';
import { flag, redisUrl } from './config.schemas';

/**
 * The variables of the one Redis every shared-state feature of a gateway uses
 * (response cache, rate limits, web sessions), to spread into its config schema
 * next to {@link refineRedisConfig}.
 *
 * - `REDIS_URL`: `rediss://` for TLS (the server certificate is verified against
 *   Node's trust store; a private CA is added with Node's `NODE_EXTRA_CA_CERTS`),
 *   `redis://` for plaintext.
 * - `REDIS_ALLOW_PLAINTEXT`: lets a production gateway use `redis://` to another
 *   host, for a network that already encrypts (a sidecar, a service mesh).
 *
 * @example
 * const schema = z.object({ ...authConfigShape('web'), ...redisConfigShape() }).superRefine(refineRedisConfig);
 */
export function redisConfigShape() {
  return {
    REDIS_URL: redisUrl(),
    REDIS_ALLOW_PLAINTEXT: flag(false),
  };
}

/** What {@link refineRedisConfig} reads; `NODE_ENV` comes from the app's schema. */
export interface RedisConfig {
  NODE_ENV?: string;
  REDIS_URL?: string;
  REDIS_ALLOW_PLAINTEXT?: boolean;
}

/**
 * With `NODE_ENV=production`, refuses a plaintext `redis://` URL to a host other
 * than loopback unless `REDIS_ALLOW_PLAINTEXT=true`: cached pages, session ids and
 * the Redis password would otherwise cross the network readable. Names the
 * variable, never its value.
 *
 * @example
 * z.object({ ...authConfigShape('mobile'), ...redisConfigShape() }).superRefine(refineRedisConfig);
 */
export function refineRedisConfig(config: RedisConfig, context: z.RefinementCtx): void {
  if (config.NODE_ENV !== 'production' || config.REDIS_URL === undefined || config.REDIS_ALLOW_PLAINTEXT === true) return;
  const url = new URL(config.REDIS_URL);
  if (url.protocol !== 'redis:' || isLoopback(url.hostname)) return;
  context.addIssue({
    code: 'custom',
    path: ['REDIS_URL'],
    message:
      'REDIS_URL must use rediss:// (TLS) to a host other than loopback when NODE_ENV=production; ' +
      'set REDIS_ALLOW_PLAINTEXT=true if the network already encrypts it',
  });
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
