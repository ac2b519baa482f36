import { createClient } from '@redis/client';
import { Keyv } from 'keyv';
import { RedisEntryStore } from './redis-entry.store';
import { deleteKeys, SHARED_REDIS_URL, uniquePrefix } from './testing/redis.fixture';

describe('RedisEntryStore', () => {
  const redis = createClient({ url: SHARED_REDIS_URL, RESP: 3 });
  const prefix = uniquePrefix('redis-entry-store');
  const entries = `${prefix}r:`;
  let store: RedisEntryStore;

  beforeAll(async () => {
    await redis.connect();
    store = new RedisEntryStore(redis, entries);
  });

  afterAll(async () => {
    await deleteKeys(SHARED_REDIS_URL, prefix);
    await redis.close();
  });

  it('stores a value under the exact key it is given, with the expiry in milliseconds', async () => {
    await store.set(`${entries}a`, 'body', 60_000);

    expect(await store.get(`${entries}a`)).toBe('body');
    expect(await redis.pTTL(`${entries}a`)).toBeGreaterThan(59_000);
    expect(await store.get(`${entries}missing`)).toBeUndefined();
  });

  it('deletes one key or many, saying whether anything was there', async () => {
    await store.set(`${entries}b`, '1');
    await store.set(`${entries}c`, '2');

    expect(await store.delete(`${entries}b`)).toBe(true);
    expect(await store.delete(`${entries}b`)).toBe(false);
    expect(await store.deleteMany([`${entries}c`, `${entries}b`])).toBe(true);
    expect(await store.deleteMany([])).toBe(false);
    expect(await store.get(`${entries}c`)).toBeUndefined();
  });

  it('clears its own entries and nothing else that shares the Redis', async () => {
    await store.set(`${entries}d`, '1');
    await redis.set(`${prefix}v:tag`, '3');

    await store.clear();

    expect(await store.get(`${entries}d`)).toBeUndefined();
    expect(await redis.get(`${prefix}v:tag`)).toBe('3');
  });

  it('serves Keyv without a namespace of its own: the entry is at the key the cache chose', async () => {
    const keyv = new Keyv({ store, useKeyPrefix: false, throwOnErrors: true });
    await keyv.set(`${entries}e`, { body: 'x' }, 60_000);

    expect(await keyv.get(`${entries}e`)).toEqual({ body: 'x' });
    expect(await redis.exists(`${entries}e`)).toBe(1);
  });
});
