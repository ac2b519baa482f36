import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import { Redis } from 'ioredis';
import { MemorySessionStore } from './memory-session.store';
import { RedisSessionStore } from './redis-session.store';
import type { SessionLimits } from './session-limits';
import type { SessionStore } from './session.store';

const REDIS_URL = 'redis://127.0.0.1:6379';
const session = (sub: string) => ({ sub, csrfToken: 'csrf', createdAt: Date.now() });
const TTL = 600;

/** Every store, the same rules: per user the oldest goes, in total nobody else's session does. */
describe.each([
  [
    'memory',
    (limits: SessionLimits) => ({ store: new MemorySessionStore(limits), cleanUp: () => Promise.resolve() }),
  ],
  [
    'Redis',
    (limits: SessionLimits) => {
      const keyPrefix = `test:session-limits:${randomUUID()}:`;
      const connection = createClient({ url: REDIS_URL, RESP: 3 });
      void connection.connect();
      return {
        store: new RedisSessionStore(connection, keyPrefix, limits),
        cleanUp: async () => {
          await connection.close();
          const redis = new Redis(REDIS_URL);
          const keys = await redis.keys(`${keyPrefix}*`);
          if (keys.length > 0) await redis.del(...keys);
          await redis.quit();
        },
      };
    },
  ],
])('%s session store limits', (_name, open) => {
  let store: SessionStore;
  let cleanUp: () => Promise<void>;
  const start = (limits: SessionLimits) => ({ store, cleanUp } = open(limits));

  afterEach(async () => {
    await store.close();
    await cleanUp();
  });

  it("ends a user's oldest session beyond their cap, and nobody else's", async () => {
    start({ maxPerUser: 3, maxTotal: 100 });
    await store.create('other', session('2'), TTL);
    for (const key of ['s1', 's2', 's3', 's4', 's5']) await store.create(key, session('1'), TTL);
    expect(await store.get('s1')).toBeUndefined();
    expect(await store.get('s2')).toBeUndefined();
    for (const key of ['s3', 's4', 's5']) expect(await store.get(key)).toMatchObject({ sub: '1' });
    expect(await store.get('other')).toMatchObject({ sub: '2' });
  });

  it("refuses a sign-in at the total cap with 503 instead of ending another user's session", async () => {
    start({ maxPerUser: 10, maxTotal: 3 });
    for (const [key, sub] of [
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ])
      await store.create(key, session(sub), TTL);
    await expect(store.create('d', session('4'), TTL)).rejects.toMatchObject({
      code: 'OVERLOADED',
      status: 503,
      extensions: { reason: 'session-capacity' },
    });
    for (const key of ['a', 'b', 'c']) expect(await store.get(key)).toBeDefined();
    expect(await store.get('d')).toBeUndefined();
  });

  it('lets a user at the total cap sign in again by ending their own oldest session', async () => {
    start({ maxPerUser: 2, maxTotal: 3 });
    for (const [key, sub] of [
      ['a1', '1'],
      ['a2', '1'],
      ['b', '2'],
    ])
      await store.create(key, session(sub), TTL);
    await store.create('a3', session('1'), TTL);
    expect(await store.get('a1')).toBeUndefined();
    expect(await store.get('a3')).toMatchObject({ sub: '1' });
    expect(await store.get('b')).toMatchObject({ sub: '2' });
  });

  it('frees the per-user and total slots of a session that signs out', async () => {
    start({ maxPerUser: 2, maxTotal: 2 });
    await store.create('a1', session('1'), TTL);
    await store.create('a2', session('1'), TTL);
    await store.delete('a1');
    await store.create('b', session('2'), TTL);
    // a2 is still within the cap of 2 (a1 signed out), so it survives user 1's next session... which the total refuses.
    await expect(store.create('a3', session('1'), TTL)).rejects.toMatchObject({ code: 'OVERLOADED' });
    expect(await store.get('a2')).toMatchObject({ sub: '1' });
    expect(await store.get('b')).toMatchObject({ sub: '2' });
  });
});
