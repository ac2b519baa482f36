import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import type { TierPolicy } from './tier-policy';

const tier: TierPolicy[] = [
  { name: 'burst', limit: 20, windowSeconds: 1 },
  { name: 'minute', limit: 600, windowSeconds: 60 },
];

/** A real `gc()`, so heap figures measure what is retained rather than what awaits collection. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('MemoryRateLimitStore', () => {
  it('keeps 100,000 distinct callers within its cap and a bounded heap', async () => {
    const gc = exposeGc();
    const store = new MemoryRateLimitStore(50_000);
    const soak = async (round: number) => {
      for (let i = 0; i < 100_000; i++)
        await store.consume(`default:ip:10.${round}.${i >> 8}.${i & 255}`, tier);
    };
    gc();
    const before = process.memoryUsage().heapUsed;
    await soak(1);
    gc();
    const afterFirst = process.memoryUsage().heapUsed;
    await soak(2);
    gc();
    const afterSecond = process.memoryUsage().heapUsed;

    expect(store.size).toBe(50_000);
    // About 15 MB for a full map; generous bounds, the point is that it stops growing.
    expect(afterFirst - before).toBeLessThan(40 * 1024 * 1024);
    expect(afterSecond - afterFirst).toBeLessThan(8 * 1024 * 1024);
  });

  it('evicts the least recently seen caller first', async () => {
    const now = 0;
    const store = new MemoryRateLimitStore(2, () => now);
    const single: TierPolicy[] = [{ name: 'minute', limit: 3, windowSeconds: 60 }];
    await store.consume('a', single);
    await store.consume('b', single);
    await store.consume('a', single);
    await store.consume('c', single);
    expect(store.size).toBe(2);
    expect((await store.consume('a', single)).limits[0].remaining).toBe(0);
    expect((await store.consume('b', single)).limits[0].remaining).toBe(2);
  });

  it('starts no timer, however many requests it counts', async () => {
    const setTimeoutSpy = jest.spyOn(global, 'setTimeout');
    const setIntervalSpy = jest.spyOn(global, 'setInterval');
    const store = new MemoryRateLimitStore(1_000);
    for (let i = 0; i < 5_000; i++) await store.consume(`k${i % 1_500}`, tier);
    expect(setTimeoutSpy).not.toHaveBeenCalled();
    expect(setIntervalSpy).not.toHaveBeenCalled();
    setTimeoutSpy.mockRestore();
    setIntervalSpy.mockRestore();
  });

  it('forgets nothing a caller still owes while there is room', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore(10, () => now);
    const login: TierPolicy[] = [{ name: 'login', limit: 2, windowSeconds: 60 }];
    await store.consume('x', login);
    await store.consume('x', login);
    now = 29_000;
    const refused = await store.consume('x', login);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(1);
    now = 30_000;
    expect((await store.consume('x', login)).allowed).toBe(true);
  });
});
