import { Logger } from '@nestjs/common';
import { request } from '@bff/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { redisKeys } from '../test/redis-keys';
import { freePort, RedisServer } from '@bff/testing';
import { startThrottledApp, ThrottledApp } from '../test/throttled-app';
import { RedisRateLimitStore } from './redis-rate-limit.store';

const SHARED_REDIS = 'redis://127.0.0.1:6379';
const BURST = 5;

const as = (subject: string) => ({ headers: { 'x-test-subject': subject } });

/** `count` requests at once, spread round-robin over the replicas; their statuses. */
async function burst(replicas: ThrottledApp[], subject: string, count: number): Promise<number[]> {
  const responses = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      request(`${replicas[i % replicas.length].url}/items`, as(subject)),
    ),
  );
  return responses.map((response) => response.status);
}

const accepted = (statuses: number[]) => statuses.filter((status) => status === 200).length;

async function eventually(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('one limit across replicas', () => {
  let warn: jest.SpyInstance;
  let log: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  const outageWarnings = () =>
    warn.mock.calls.filter(([message]) => /Redis is unavailable/.test(String(message)));

  describe('with a shared Redis', () => {
    const keyPrefix = `test:throttling:e2e:${randomUUID()}:`;
    let admin: Redis;
    let replicas: ThrottledApp[];

    beforeAll(async () => {
      admin = new Redis(SHARED_REDIS);
      replicas = await Promise.all(
        [1, 2].map(() => startThrottledApp({ redisUrl: SHARED_REDIS, keyPrefix })),
      );
    });

    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.close()));
      const keys = await redisKeys(admin, keyPrefix);
      if (keys.length > 0) await admin.del(...keys);
      await admin.quit();
    });

    it('accepts at most the limit of a burst three times as large spread over two instances', async () => {
      const statuses = await burst(replicas, 'burst-user', 3 * BURST);
      expect(accepted(statuses)).toBe(BURST);
      expect(statuses.filter((status) => status === 429)).toHaveLength(2 * BURST);
    });

    it('limits two users independently across instances', async () => {
      expect(accepted(await burst(replicas, 'user-1', 2 * BURST))).toBe(BURST);
      expect(accepted(await burst(replicas, 'user-2', 2 * BURST))).toBe(BURST);
    });

    it('leaves a TTL on every key it writes', async () => {
      await burst(replicas, 'ttl-user', 2);
      const keys = await redisKeys(admin, keyPrefix);
      expect(keys.length).toBeGreaterThan(0);
      const ttls = await Promise.all(keys.map((key) => admin.pttl(key)));
      expect(ttls.every((ttl) => ttl > 0 && ttl <= 60_000)).toBe(true);
    });

    it('never falls back while Redis answers', () => {
      expect(replicas.map((replica) => replica.metrics.redisFallbacks)).toEqual([0, 0]);
      expect(outageWarnings()).toHaveLength(0);
    });
  });

  it('falls back to local limits when REDIS_URL is unreachable: one warning, counted, never a 500', async () => {
    const app = await startThrottledApp({ redisUrl: `redis://127.0.0.1:${await freePort()}` });
    try {
      const statuses = await burst([app], 'lonely-user', 2 * BURST);
      expect(statuses.sort()).toEqual([...Array(BURST).fill(200), ...Array(BURST).fill(429)]);
      expect(outageWarnings()).toHaveLength(1);
      expect(app.metrics.redisOutages).toBe(1);
      expect(app.metrics.redisFallbacks).toBe(2 * BURST);
    } finally {
      await app.close();
    }
  });

  it('keeps serving through a Redis outage and shares the limit again once Redis is back', async () => {
    const redis = await RedisServer.start();
    const replicas = await Promise.all([1, 2].map(() => startThrottledApp({ redisUrl: redis.url })));
    try {
      expect(accepted(await burst(replicas, 'before', 3 * BURST))).toBe(BURST);

      await redis.stop();
      const during = await burst(replicas, 'during', 4 * BURST);
      expect(during.every((status) => status === 200 || status === 429)).toBe(true);
      // Each replica enforces the limit on its own meanwhile.
      expect(accepted(during)).toBe(2 * BURST);
      expect(outageWarnings()).toHaveLength(2);
      expect(replicas.map((replica) => replica.metrics.redisOutages)).toEqual([1, 1]);

      await redis.resume();
      for (const replica of replicas) {
        await eventually(async () => {
          const fallbacks = replica.metrics.redisFallbacks;
          await request(`${replica.url}/items`, as(`probe-${randomUUID()}`));
          return replica.metrics.redisFallbacks === fallbacks;
        });
      }
      expect(accepted(await burst(replicas, 'after', 3 * BURST))).toBe(BURST);
      expect(outageWarnings()).toHaveLength(2);
      expect(log.mock.calls.filter(([message]) => /Redis is back/.test(String(message)))).toHaveLength(2);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
      await redis.stop();
    }
  });

  it('lets a Redis that hangs cost one command timeout, not one per request', async () => {
    const redis = await RedisServer.start();
    const app = await startThrottledApp({ redisUrl: redis.url });
    try {
      expect((await request(`${app.url}/items`, as('hang-1'))).status).toBe(200);
      const attempts = jest.spyOn(RedisRateLimitStore.prototype, 'consume');
      redis.freeze();

      const first = await request(`${app.url}/items`, as('hang-2'));
      expect(first.status).toBe(200);
      // One 500 ms command timeout; a frozen Redis never answers, so the bound only has to
      // be finite, and 2 s leaves a loaded machine room.
      expect(first.elapsedMs).toBeLessThan(2_000);
      const rest = await Promise.all(
        Array.from({ length: 10 }, (_, i) => request(`${app.url}/items`, as(`hang-${i + 3}`))),
      );
      expect(rest.map((response) => response.status)).toEqual(Array(10).fill(200));
      // The first request waited for the command timeout; the others, inside the probe interval, did not try.
      expect(attempts.mock.calls.length).toBeLessThanOrEqual(2);
      expect(outageWarnings()).toHaveLength(1);
    } finally {
      redis.thaw();
      await app.close();
      await redis.stop();
    }
  });
});
