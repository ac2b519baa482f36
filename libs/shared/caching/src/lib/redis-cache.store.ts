import KeyvRedis, { Keyv, type RedisClientConnectionType } from '@keyv/redis';
import type { ResolvedCachingOptions } from './caching.options';
import { RedisCacheCoordinator } from './redis-cache-coordinator';
import { RedisConnection } from './redis-connection';

/**
 * `@keyv/redis` on a connection it does not own: it neither connects it (a command
 * issued after shutdown would otherwise reopen it) nor disconnects it (cache-manager
 * disconnects its stores at shutdown, and `close()` on a client that is reconnecting
 * never settles). {@link RedisConnection} owns the connection's lifecycle.
 */
class ConnectionBorrowingKeyvRedis extends KeyvRedis<string> {
  override async getClient(): Promise<RedisClientConnectionType> {
    return this.client;
  }

  override async disconnect(): Promise<void> {
    // Closed by RedisConnection.
  }
}

/**
 * The cache's Redis side: a Keyv store on the command connection, and the tag
 * index and invalidation channel on the same pair of connections.
 *
 * @example
 * const { keyv, connection, coordinator } = redisCacheStore(options); // options.redisUrl is set
 */
export function redisCacheStore(options: ResolvedCachingOptions & { redisUrl: string }): {
  keyv: Keyv;
  connection: RedisConnection;
  coordinator: RedisCacheCoordinator;
} {
  const connection = new RedisConnection(options.redisUrl, {
    commandTimeoutMs: options.redisCommandTimeoutMs,
    nearCacheEntries: options.maxEntries,
  });
  // The adapter's type only names RESP2 clients; the commands it sends (GET, SET, DEL) reply alike in RESP3.
  const client = connection.client as unknown as RedisClientConnectionType;
  const adapter = new ConnectionBorrowingKeyvRedis(client, { throwOnConnectError: false, throwOnErrors: true });
  const keyv = new Keyv({ store: adapter, useKeyPrefix: false, throwOnErrors: true });
  // Keys are already namespaced by `keyPrefix`; Keyv would otherwise prepend its own `keyv::`.
  keyv.namespace = undefined;
  return { keyv, connection, coordinator: new RedisCacheCoordinator(connection, options.keyPrefix) };
}
