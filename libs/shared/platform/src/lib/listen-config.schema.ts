import { z } from 'zod';
import { port } from '@bff/config';

/**
 * The variables every app reads to listen, log and tell its callers apart; app
 * schemas spread it in.
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), PRODUCT_SERVICE_URL: httpUrl('http://127.0.0.1:4001') });
 */
export function listenConfigShape(defaultPort: number) {
  return {
    PORT: port(defaultPort),
    HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    /** Proxies in front of the app whose `X-Forwarded-For` entry is believed (0: none, trust the socket). */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(16).default(0),
    /**
     * On SIGTERM/SIGINT, how long requests already taken on may take to finish before
     * their connections are cut and the app closes its downstream connections.
     */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  };
}
