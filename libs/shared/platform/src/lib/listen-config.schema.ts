import { z } from 'zod';
import { millis, port } from '@bff/config';
import { parseRange } from './trusted-proxies';

/**
 * The variables every app reads to listen, log, hold its HTTP edge and tell its
 * callers apart; app schemas spread it in.
 *
 * - `HTTP_HEADERS_TIMEOUT_MS`: time a client has to send a request's headers.
 * - `HTTP_REQUEST_TIMEOUT_MS`: time it has to send the whole request, body included;
 *   a client trickling a body is answered 408 and disconnected when it runs out. (A
 *   headers timeout above it has no effect: the headers are part of the request.)
 * - `HTTP_KEEP_ALIVE_TIMEOUT_MS`: how long an idle connection is kept for the next
 *   request; above the idle timeout of the load balancer in front, so the balancer,
 *   not the gateway, closes it (a gateway closing first races the balancer's reuse).
 * - `HTTP_MAX_CONNECTIONS`: open connections per process; further ones are dropped
 *   as they arrive.
 * - `TRUSTED_PROXIES`: addresses or CIDR ranges of the proxies in front, comma
 *   separated; `X-Forwarded-For` is read only from them.
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
    /**
     * On SIGTERM/SIGINT, how long requests already taken on may take to finish before
     * their connections are cut and the app closes its downstream connections.
     */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    HTTP_HEADERS_TIMEOUT_MS: millis(10_000),
    HTTP_REQUEST_TIMEOUT_MS: millis(30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: millis(72_000),
    HTTP_MAX_CONNECTIONS: z.coerce.number().int().positive().default(10_000),
    TRUSTED_PROXIES: trustedProxyList(),
    /**
     * Replaced by `TRUSTED_PROXIES`: a hop count let a client that reached a replica
     * directly, or through fewer proxies, choose its own address. Refused rather than
     * ignored, so a deployment that set it learns at start-up instead of limiting
     * every caller behind its balancer as one.
     */
    TRUSTED_PROXY_HOPS: z.undefined({
      error: 'TRUSTED_PROXY_HOPS is no longer read: set TRUSTED_PROXIES to the addresses or CIDR ranges of the proxies in front',
    }).optional(),
  };
}

/** `10.0.0.0/8, 2001:db8::/32, 192.0.2.7` → the entries, each checked; empty means none. */
function trustedProxyList() {
  return z
    .string()
    .default('')
    .transform((value, context) => {
      const entries = value.split(/[\s,]+/).filter((entry) => entry !== '');
      for (const entry of entries) {
        if (parseRange(entry) === undefined) {
          context.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR range` });
        }
      }
      return entries as readonly string[];
    });
}
