import { Logger, OnModuleInit } from '@nestjs/common';
import type { RedisCommandConnection, RedisConnections } from '@bff/platform';
import { Keyv } from 'keyv';
import { BoundedMemoryStore } from './bounded-memory.store';
import type { CacheCoordinator } from './cache-coordinator';
import { isCachedResponse } from './cached-response';
import type { ResolvedCachingOptions } from './caching.options';
import { MemoryCacheCoordinator } from './memory-cache-coordinator';
import { RedisCacheCoordinator } from './redis-cache-coordinator';
import { RedisEntryStore } from './redis-entry.store';

/** Per-entry bookkeeping (key, Keyv's envelope, headers) counted on top of the body. */
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * The store behind `CACHE_MANAGER` and the coordinator that goes with it: the
 * bounded memory LRU and an in-process tag index, or Redis entries plus Redis tag
 * sets and pub/sub, on the connections the platform shares (`RedisConnections`
 * opens, waits for and closes them).
 */
export class CacheBackend implements OnModuleInit {
  private constructor(
    readonly stores: Keyv[],
    readonly coordinator: CacheCoordinator,
    private readonly redis?: RedisCacheCoordinator,
  ) {}

  static create(options: ResolvedCachingOptions, connections: RedisConnections): CacheBackend {
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
      // In process, entries stay objects (Keyv's switch for "no serialization"):
      // serializing would cost a JSON round trip on every hit for nothing.
      const keyv = new Keyv({ store, useKeyPrefix: false, throwOnErrors: true, serialize: undefined, deserialize: undefined });
      return new CacheBackend([keyv], coordinator);
    }
    const connection = connections.commands(options.redisUrl);
    // Asked for now, so start-up waits for it like for the command connection.
    const subscriber = connections.subscriber(options.redisUrl);
    // The cache's own outage policy: a command that takes longer than this fails, and the cache stands aside.
    const commands = connection.withCommandOptions({ timeout: options.redisCommandTimeoutMs });
    const coordinator = new RedisCacheCoordinator(connection, commands, subscriber, options.keyPrefix);
    const store = new RedisEntryStore(commands, `${options.keyPrefix}r:`);
    const keyv = new Keyv({ store, useKeyPrefix: false, throwOnErrors: true });
    reportOutages(connection);
    return new CacheBackend([keyv], coordinator, coordinator);
  }

  onModuleInit(): void {
    this.redis?.listen();
  }
}

/** One line when the cache starts standing aside, one when it resumes. */
function reportOutages(connection: RedisCommandConnection): void {
  const logger = new Logger('ResponseCache');
  let down = false;
  connection.on('error', () => {
    if (down) return;
    down = true;
    logger.warn('Redis unavailable, serving without the response cache');
  });
  connection.on('ready', () => {
    if (down) logger.log('Redis reachable again, response cache resumed');
    down = false;
  });
}
