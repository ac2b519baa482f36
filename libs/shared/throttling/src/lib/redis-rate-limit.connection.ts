import { Redis } from 'ioredis';
import type { RedisScriptClient } from './redis-script.client';

/**
 * The rate limiter's Redis connection, and the only file that knows which client
 * library holds it.
 *
 * Tuned to fail fast rather than to be patient: no offline queue, no command
 * retries, short connect and command timeouts. A request must never wait for
 * Redis to come back; `FallbackRateLimitStore` decides locally meanwhile, while the
 * client keeps reconnecting in the background.
 *
 * @example
 * const store = new RedisRateLimitStore(createRedisScriptClient('redis://redis:6379'), 'web-bff:rl:');
 */
export function createRedisScriptClient(url: string): RedisScriptClient {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    // On close, ioredis arms this timer even for a socket an outage already closed; keep shutdown prompt.
    disconnectTimeout: 100,
  });
  // Outages are reported once by the fallback store; unheard, ioredis would print every failed reconnect.
  client.on('error', () => undefined);
  return {
    get ready() {
      return client.status === 'ready';
    },
    evalSha: (sha1, key, args) => client.evalsha(sha1, 1, key, ...args),
    eval: (script, key, args) => client.eval(script, 1, key, ...args),
    connect: () => client.connect().catch(() => undefined),
    close: () => client.disconnect(),
  };
}
