import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import KeyvRedis, { Keyv, type RedisClientConnectionType } from '@keyv/redis';
import { BoundedMemoryStore } from './bounded-memory.store';
import type { CacheCoordinator } from './cache-coordinator';
import { isCachedResponse } from './cached-response';
import type { ResolvedCachingOptions } from './caching.options';
import { MemoryCacheCoordinator } from './memory-cache-coordinator';
import { RedisCacheCoordinator } from './redis-cache-coordinator';
import { RedisConnection } from './redis-connection';

/** Per-entry bookkeeping (key, Keyv's envelope, headers) counted on top of the body. */
const ENTRY_OVERHEAD_BYTES = 256;

/** How long start-up waits for Redis before serving without it. */
const CONNECT_WAIT_MS = 1_000;

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
 * The store behind `CACHE_MANAGER` and the coordinator that goes with it: the
 * bounded memory LRU and an in-process tag index, or Redis (`@keyv/redis`) and
 * Redis tag sets plus pub/sub. Owns the Redis connections' lifecycle.
 */
export class CacheBackend implements OnModuleInit, OnApplicationShutdown {
  private constructor(
    readonly stores: Keyv[],
    readonly coordinator: CacheCoordinator,
    private readonly redis?: { connection: RedisConnection; coordinator: RedisCacheCoordinator },
  ) {}

  static create(options: ResolvedCachingOptions): CacheBackend {
    if (options.redisUrl === undefined) {
      const coordinator = new MemoryCacheCoordinator();
      const store = new BoundedMemoryStore({
        maxEntries: options.maxEntries,
        maxBytes: options.maxBytes,
        sizeOf: (key, data) => {
          const value = (data as { value?: unknown } | undefined)?.value;
          return key.length + ENTRY_OVERHEAD_BYTES + (isCachedResponse(value) ? Buffer.byteLength(value.body) : 0);
        },
        onRemove: (key) => coordinator.forget(key),
      });
      const keyv = new Keyv({ store, useKeyPrefix: false, throwOnErrors: true });
      // Entries are kept as objects: serializing them would only cost time in-process.
      keyv.serialize = undefined;
      keyv.deserialize = undefined;
      return new CacheBackend([keyv], coordinator);
    }
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
    const coordinator = new RedisCacheCoordinator(connection, options.keyPrefix);
    return new CacheBackend([keyv], coordinator, { connection, coordinator });
  }

  async onModuleInit(): Promise<void> {
    if (this.redis === undefined) return;
    await this.redis.connection.open(CONNECT_WAIT_MS);
    this.redis.coordinator.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.connection.close();
  }
}
