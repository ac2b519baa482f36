import { RedisConnections } from '@bff/platform';
import { freePort } from '@bff/testing';
import { randomUUID } from 'node:crypto';
import { RedisSessionStore } from './redis-session.store';

const REDIS_URL = 'redis://127.0.0.1:6379';
const session = { sub: '1', csrfToken: 'csrf', createdAt: 1 };

describe('RedisSessionStore on the shared connection', () => {
  const connections = new RedisConnections();
  const keyPrefix = `test:redis-session-store:${randomUUID()}:`;

  afterAll(async () => {
    const redis = connections.commands(REDIS_URL);
    for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*` })) if (keys.length > 0) await redis.del(keys);
    await connections.onApplicationShutdown();
  });

  it("reads sessions from Redis itself, never from the connection's near cache", async () => {
    const redis = connections.commands(REDIS_URL);
    await connections.onModuleInit();
    const store = new RedisSessionStore(redis, keyPrefix);

    await store.create('a', session, 60);
    expect(await store.get('a')).toEqual(session);
    expect(await store.get('a')).toEqual(session);

    expect(redis.clientSideCache?.size()).toBe(0);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
  });

  it('fails closed at once, with a 503, while Redis cannot be reached', async () => {
    const unreachable = new RedisConnections();
    const store = new RedisSessionStore(unreachable.commands(`redis://127.0.0.1:${await freePort()}`), keyPrefix);
    try {
      const started = Date.now();
      await expect(store.get('a')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
      await expect(store.create('b', session, 60)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await unreachable.onApplicationShutdown();
    }
  });
});
