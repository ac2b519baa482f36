import { CacheTestApp, eventually, FakeDownstream, get, sleep, startCacheTestApp } from './testing/cache-test-app.fixture';
import {
  deleteKeys,
  freePort,
  RedisLink,
  RedisServer,
  SHARED_REDIS_URL,
  uniquePrefix,
  withRedis,
} from './testing/redis.fixture';

describe('response cache on shared Redis', () => {
  let prefix: string;
  const apps: CacheTestApp[] = [];

  const start = async (client: string, downstream: FakeDownstream, redisUrl = SHARED_REDIS_URL) => {
    const app = await startCacheTestApp({ client, redisUrl, keyPrefix: prefix }, downstream);
    apps.push(app);
    return app;
  };

  beforeEach(() => {
    prefix = uniquePrefix('caching');
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await deleteKeys(SHARED_REDIS_URL, prefix);
  });

  it('shares entries between replicas: a miss on one is a hit on the other', async () => {
    const downstream = new FakeDownstream();
    const [first, second] = [await start('web', downstream), await start('web', downstream)];

    const miss = await get(`${first.url}/products/1`);
    const hit = await get(`${second.url}/products/1`);

    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.text).toBe(miss.text);
    expect(hit.headers.get('etag')).toBe(miss.headers.get('etag'));
    expect(downstream.calls).toBe(1);
  });

  it('keeps per-user entries apart in the shared store', async () => {
    const downstream = new FakeDownstream();
    const [first, second] = [await start('web', downstream), await start('web', downstream)];

    await get(`${first.url}/me/wishlist`, { authorization: 'Bearer user:alice' });
    const bob = await get(`${second.url}/me/wishlist`, { authorization: 'Bearer user:bob' });
    const alice = await get(`${second.url}/me/wishlist`, { authorization: 'Bearer user:alice' });

    expect(bob.json['owner']).toBe('bob');
    expect(bob.headers.get('x-cache')).toBe('MISS');
    expect(alice.json['owner']).toBe('alice');
    expect(alice.headers.get('x-cache')).toBe('HIT');
  });

  it('a review posted through one gateway invalidates the aggregates of every replica of both gateways', async () => {
    const reviewService = new FakeDownstream();
    const web = [await start('web', reviewService), await start('web', reviewService)];
    const mobile = await start('mobile', reviewService);
    for (const app of [...web, mobile]) await get(`${app.url}/products/1`);
    await get(`${web[0]?.url}/products/2`);
    expect((await get(`${web[1]?.url}/products/1`)).headers.get('x-cache')).toBe('HIT');

    const posted = await fetch(`${mobile.url}/products/1/reviews`, { method: 'POST' });
    expect(posted.status).toBe(201);

    for (const app of [...web, mobile]) {
      const response = await get(`${app.url}/products/1`);
      expect(response.json['version']).toBe(2);
    }
    expect((await get(`${web[1]?.url}/products/2`)).headers.get('x-cache')).toBe('HIT');
  });

  it('keeps a read that started on one replica before a write on another out of the cache', async () => {
    const downstream = new FakeDownstream();
    const [reader, writer] = [await start('web', downstream), await start('web', downstream)];

    downstream.hold();
    const slowRead = get(`${reader.url}/products/1`);
    await eventually(() => downstream.calls === 1);
    const write = fetch(`${writer.url}/products/1/reviews`, { method: 'POST' });
    await eventually(() => downstream.calls === 2);
    downstream.release();
    expect((await slowRead).json['version']).toBe(1);
    await write;

    const next = await get(`${writer.url}/products/1`);
    expect(next.headers.get('x-cache')).toBe('MISS');
    expect(next.json['version']).toBe(2);
  });

  it('refreshes a stale entry on one replica only', async () => {
    const downstream = new FakeDownstream();
    const [first, second] = [await start('web', downstream), await start('web', downstream)];
    await get(`${first.url}/product-details/1`);
    await sleep(350);
    downstream.hold();

    const staleFirst = await get(`${first.url}/product-details/1`);
    await eventually(() => downstream.calls === 2);
    const staleSecond = await get(`${second.url}/product-details/1`);
    await sleep(100);

    expect(staleFirst.headers.get('x-cache')).toBe('STALE');
    expect(staleSecond.headers.get('x-cache')).toBe('STALE');
    expect(downstream.calls).toBe(2);
    downstream.release();
    await eventually(async () => (await get(`${second.url}/product-details/1`)).headers.get('x-cache') === 'HIT');
  });

  it('drops the near-cache copy of an entry as soon as Redis pushes its invalidation', async () => {
    const downstream = new FakeDownstream();
    const app = await start('web', downstream);
    await get(`${app.url}/products/1`);
    expect((await get(`${app.url}/products/1`)).headers.get('x-cache')).toBe('HIT');

    await withRedis(SHARED_REDIS_URL, async (client) => {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}r:*` })) if (keys.length > 0) await client.del(keys);
    });

    // The invalidation reaches the app on its own connection, not in step with this
    // test's DEL: on a loaded machine a request may still beat it by a moment.
    await eventually(async () => (await get(`${app.url}/products/1`)).headers.get('x-cache') === 'MISS');
    expect(downstream.calls).toBe(2);
  });

  it('gives every key it writes an expiry', async () => {
    const downstream = new FakeDownstream();
    const app = await start('web', downstream);
    await get(`${app.url}/products/1`);
    await fetch(`${app.url}/products/2/reviews`, { method: 'POST' });

    const ttls = await withRedis(SHARED_REDIS_URL, async (client) => {
      const keys: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
      return Promise.all(keys.map(async (key) => [key.slice(prefix.length).split(':')[0], await client.pTTL(key)] as const));
    });

    expect(ttls.map(([kind]) => kind).sort()).toEqual(['r', 't', 'v']);
    for (const [, ttl] of ttls) expect(ttl).toBeGreaterThan(0);
  });
});

describe('response cache when Redis is unavailable', () => {
  /** Long enough that waiting it out cannot pass for a timely answer on a loaded machine. */
  const PAUSE_MS = 4_000;
  const cleanups: Array<() => Promise<unknown>> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('starts and serves every request uncached when Redis cannot be reached', async () => {
    // Starting must not wait for Redis: a bound far above a normal start (well under 1 s)
    // that a start waiting on connection retries would still exceed.
    const started = Date.now();
    const app = await startCacheTestApp({ client: 'web', redisUrl: `redis://127.0.0.1:${await freePort()}` });
    cleanups.push(() => app.close());
    expect(Date.now() - started).toBeLessThan(5_000);

    const responses = [await get(`${app.url}/products/1`), await get(`${app.url}/products/1`)];
    const write = await fetch(`${app.url}/products/1/reviews`, { method: 'POST' });

    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.headers.get('x-cache')).toBe('BYPASS');
      expect(response.headers.get('etag')).not.toBeNull();
    }
    expect(write.status).toBe(201);
    expect(app.downstream.calls).toBe(3);
    expect(app.metrics.snapshot().bypassed).toBe(2);
  });

  it('bypasses the cache while Redis is down and resumes by itself when it is back', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const app = await startCacheTestApp({ client: 'web', redisUrl: redis.url, keyPrefix: 'bff:cache:' });
    cleanups.push(() => app.close());
    await get(`${app.url}/products/1`);
    expect((await get(`${app.url}/products/1`)).headers.get('x-cache')).toBe('HIT');

    await redis.stop();
    const whileDown = await get(`${app.url}/products/1`);
    expect(whileDown.status).toBe(200);
    expect(whileDown.headers.get('x-cache')).toBe('BYPASS');

    await redis.resume();
    await eventually(async () => (await get(`${app.url}/products/1`)).headers.get('x-cache') === 'HIT', 10_000, 100);
  });

  it('does not hang on a Redis that stops answering', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const app = await startCacheTestApp({ client: 'web', redisUrl: redis.url, redisCommandTimeoutMs: 200 });
    cleanups.push(() => app.close());
    await get(`${app.url}/products/1`);

    await withRedis(redis.url, (client) => client.sendCommand(['CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL']));
    const started = Date.now();
    const response = await get(`${app.url}/products/2`);

    expect(response.status).toBe(200);
    // The 200 ms command timeout, not the end of the pause, let the request through.
    expect(Date.now() - started).toBeLessThan(PAUSE_MS / 2);
  });

  it('answers hits from the near cache without a round trip to Redis', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const app = await startCacheTestApp({ client: 'web', redisUrl: redis.url });
    cleanups.push(() => app.close());
    await get(`${app.url}/products/1`);
    await get(`${app.url}/products/1`);

    await withRedis(redis.url, (client) => client.sendCommand(['CLIENT', 'PAUSE', String(PAUSE_MS), 'ALL']));
    const started = Date.now();
    const hit = await get(`${app.url}/products/1`);

    // A round trip would have timed out (250 ms) into a BYPASS, or waited out the pause.
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(Date.now() - started).toBeLessThan(PAUSE_MS / 2);
  });

  it('replays an invalidation a replica could not deliver once it reaches Redis again', async () => {
    const prefix = uniquePrefix('caching');
    cleanups.push(() => deleteKeys(SHARED_REDIS_URL, prefix));
    const link = await RedisLink.open(SHARED_REDIS_URL);
    cleanups.push(() => link.cut());
    const downstream = new FakeDownstream();
    const cutOff = await startCacheTestApp({ client: 'web', redisUrl: link.url, keyPrefix: prefix }, downstream);
    cleanups.push(() => cutOff.close());
    const connected = await startCacheTestApp({ client: 'web', redisUrl: SHARED_REDIS_URL, keyPrefix: prefix }, downstream);
    cleanups.push(() => connected.close());
    await get(`${connected.url}/products/1`);

    await link.cut();
    const write = await fetch(`${cutOff.url}/products/1/reviews`, { method: 'POST' });
    expect(write.status).toBe(201);
    expect((await get(`${connected.url}/products/1`)).json['version']).toBe(1);

    await link.restore();
    await eventually(async () => (await get(`${connected.url}/products/1`)).json['version'] === 2, 10_000, 100);
  });
});
