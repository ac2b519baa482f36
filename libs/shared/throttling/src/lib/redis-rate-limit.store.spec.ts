import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { redisKeys } from '../test/redis-keys';
import { gcra } from './gcra';
import { GCRA_SCRIPT, GCRA_SCRIPT_SHA1 } from './gcra.script';
import { decisionFrom } from './rate-limit-decision';
import { RedisConnections } from '@bff/platform';
import { redisScriptClientOn } from './redis-rate-limit.connection';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import type { RedisScriptClient } from './redis-script.client';
import type { TierPolicy } from './tier-policy';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `test:throttling:store:${randomUUID()}:`;
const tier: TierPolicy[] = [
  { name: 'burst', limit: 5, windowSeconds: 10 },
  { name: 'minute', limit: 8, windowSeconds: 60 },
];

describe('RedisRateLimitStore', () => {
  let admin: Redis;
  const stores: RedisRateLimitStore[] = [];
  const connections = new RedisConnections();

  beforeAll(() => {
    admin = new Redis(REDIS_URL);
  });

  async function connectedStore(): Promise<RedisRateLimitStore> {
    const store = new RedisRateLimitStore(redisScriptClientOn(connections.commands(REDIS_URL)), prefix);
    stores.push(store);
    await store.connect();
    expect(store.ready).toBe(true);
    return store;
  }

  const keysOfThisSuite = () => redisKeys(admin, prefix);

  afterAll(async () => {
    stores.forEach((store) => store.close());
    await connections.onApplicationShutdown();
    const keys = await keysOfThisSuite();
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it('decides a burst exactly as the in-memory algorithm does', async () => {
    const store = await connectedStore();
    let tats: number[] = [];
    for (let i = 0; i < 10; i++) {
      const fromRedis = await store.consume('parity', tier);
      const local = gcra(tier, tats, 0);
      tats = local.tats;
      const expected = decisionFrom(tier, local.allowed, local.outcomes);
      expect(fromRedis.allowed).toBe(expected.allowed);
      expect(fromRedis.retryAfterSeconds).toBe(expected.retryAfterSeconds);
      expect(fromRedis.limits.map((limit) => [limit.remaining, limit.exceeded, limit.resetSeconds])).toEqual(
        expected.limits.map((limit) => [limit.remaining, limit.exceeded, limit.resetSeconds]),
      );
    }
  });

  it('sets a TTL on every key, no longer than the longest window', async () => {
    const store = await connectedStore();
    await Promise.all(['a', 'b', 'c'].map((caller) => store.consume(`ttl:${caller}`, tier)));
    const keys = await keysOfThisSuite();
    expect(keys.length).toBeGreaterThanOrEqual(3);
    for (const key of keys) {
      const ttl = await admin.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });

  it('accepts exactly the limit from concurrent requests through two clients', async () => {
    const [first, second] = [await connectedStore(), await connectedStore()];
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? first : second).consume('concurrent', tier)),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
  });

  it('writes nothing for a refused request, so the other policies are not charged', async () => {
    const store = await connectedStore();
    for (let i = 0; i < 5; i++) await store.consume('refused', tier);
    const before = await admin.hgetall(`${prefix}refused`);
    const refused = await store.consume('refused', tier);
    expect(refused.allowed).toBe(false);
    expect(refused.limits.map((limit) => limit.policy.name + (limit.exceeded ? '!' : ''))).toEqual([
      'burst!',
      'minute',
    ]);
    expect(await admin.hgetall(`${prefix}refused`)).toEqual(before);
  });

  it('leaves the script cached under the SHA-1 it sends, so later requests send no source', async () => {
    const store = await connectedStore();
    await store.consume('cached', tier);
    expect(await admin.script('EXISTS', GCRA_SCRIPT_SHA1)).toEqual([1]);
  });

  it('frees one request per emission interval, on the Redis clock', async () => {
    const store = await connectedStore();
    const fast: TierPolicy[] = [{ name: 'second', limit: 10, windowSeconds: 1 }];
    for (let i = 0; i < 10; i++) expect((await store.consume('refill', fast)).allowed).toBe(true);
    expect((await store.consume('refill', fast)).allowed).toBe(false);
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 150));
    let accepted = 0;
    for (let i = 0; i < 5; i++) if ((await store.consume('refill', fast)).allowed) accepted++;
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(accepted).toBeLessThanOrEqual(Math.floor((Date.now() - started) / 100) + 1);
  });
});

describe('RedisRateLimitStore on any script client', () => {
  const noScript = Object.assign(new Error('NOSCRIPT No matching script. Please use EVAL.'), {
    name: 'ReplyError',
  });
  const allowedReply = [1, 4, 2000, 0, 7, 7500, 0];

  function fakeClient(evalSha: jest.Mock) {
    const client: RedisScriptClient = {
      ready: true,
      evalSha,
      eval: jest.fn().mockResolvedValue(allowedReply),
      connect: async () => undefined,
      close: () => undefined,
    };
    return client;
  }

  it('runs the script by SHA-1 on the prefixed key, with name, limit and window per policy', async () => {
    const client = fakeClient(jest.fn().mockResolvedValue(allowedReply));
    const decision = await new RedisRateLimitStore(client, 'app:rl:').consume('default:ip:10.0.0.1', tier);
    expect(client.evalSha).toHaveBeenCalledWith(GCRA_SCRIPT_SHA1, 'app:rl:default:ip:10.0.0.1', [
      'burst',
      5,
      10_000,
      'minute',
      8,
      60_000,
    ]);
    expect(client.eval).not.toHaveBeenCalled();
    expect(decision.allowed).toBe(true);
    expect(decision.limits.map((limit) => limit.remaining)).toEqual([4, 7]);
  });

  it('sends the source when Redis has lost the script', async () => {
    const client = fakeClient(jest.fn().mockRejectedValue(noScript));
    const decision = await new RedisRateLimitStore(client, 'app:rl:').consume('k', tier);
    expect(client.eval).toHaveBeenCalledWith(GCRA_SCRIPT, 'app:rl:k', expect.any(Array));
    expect(decision.allowed).toBe(true);
  });

  it('passes any other failure on, for the fallback store to decide locally', async () => {
    const client = fakeClient(jest.fn().mockRejectedValue(new Error('Command timed out')));
    await expect(new RedisRateLimitStore(client, 'app:rl:').consume('k', tier)).rejects.toThrow(
      'Command timed out',
    );
    expect(client.eval).not.toHaveBeenCalled();
  });
});
