import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Keyv } from 'keyv';
import { BoundedMemoryStore } from './bounded-memory.store';
import type { CacheCoordinator } from './cache-coordinator';
import { isCachedResponse } from './cached-response';
import type { ResolvedCachingOptions } from './caching.options';
import { MemoryCacheCoordinator } from './memory-cache-coordinator';
import type { RedisCacheCoordinator } from './redis-cache-coordinator';
import type { RedisConnection } from './redis-connection';

/** Per-entry bookkeeping (key, Keyv's envelope, headers) counted on top of the body. */
const ENTRY_OVERHEAD_BYTES = 256;

/** How long start-up waits for Redis before serving without it. */
const CONNECT_WAIT_MS = 1_000;

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
    // Loaded only when Redis is configured: the Redis client library alone is over
    // 400 modules, a quarter of everything a gateway loads at start-up.
    const { redisCacheStore } = require('./redis-cache.store') as typeof import('./redis-cache.store');
    const { keyv, connection, coordinator } = redisCacheStore({ ...options, redisUrl: options.redisUrl });
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
