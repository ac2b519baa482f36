import type { RedisCommandConnection } from '@bff/platform';

/** How many keys one `SCAN` step of {@link RedisEntryStore.clear} asks for. */
const CLEAR_BATCH = 500;

/**
 * The Keyv storage adapter of the cache's entries in Redis, on the connection the
 * platform shares (`RedisConnections`). It owns nothing: it never connects or
 * closes the connection (so neither a late command nor cache-manager's shutdown,
 * which disconnects its stores, can reopen or close a connection sessions and rate
 * limits also use), and it does not prefix keys, which arrive under the cache's
 * `keyPrefix` already. Keyv serializes entries to JSON strings.
 *
 * Reads are `GET`s through the connection's near cache (client-side caching, kept
 * coherent by Redis's invalidation pushes), so a hit costs no round trip.
 *
 * @example
 * const keyv = new Keyv({ store: new RedisEntryStore(commands, 'bff:cache:r:'), useKeyPrefix: false });
 */
export class RedisEntryStore {
  /** Set by Keyv; unused because keys arrive already namespaced. */
  namespace?: string;
  /** Keyv's adapter contract asks for it. */
  readonly opts = { dialect: 'redis' };

  /**
   * @param redis the command connection, with the cache's own per-call timeout
   * @param entryPrefix the prefix of every entry key, which {@link clear} is limited to
   */
  constructor(
    private readonly redis: RedisCommandConnection,
    private readonly entryPrefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(key)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, { expiration: { type: 'PX', value: ttlMs } });
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.unlink(key)) > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    if (keys.length === 0) return false;
    return (await this.redis.unlink(keys)) > 0;
  }

  /** Deletes this cache's entries, and nothing else that shares the Redis. */
  async clear(): Promise<void> {
    for await (const keys of this.redis.scanIterator({ MATCH: `${globEscaped(this.entryPrefix)}*`, COUNT: CLEAR_BATCH })) {
      if (keys.length > 0) await this.redis.unlink(keys);
    }
  }
}

function globEscaped(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
