import { fullJitterDelay } from './backoff';

const policy = { baseDelayMs: 25, maxDelayMs: 250 };

describe('fullJitterDelay', () => {
  it('draws from [0, base × 2^retry), doubling with each retry', () => {
    expect([0, 1, 2, 3].map((retry) => fullJitterDelay(retry, policy, () => 0))).toEqual([0, 0, 0, 0]);
    expect([0, 1, 2, 3].map((retry) => fullJitterDelay(retry, policy, () => 0.999_999))).toEqual([
      24, 49, 99, 199,
    ]);
  });

  it('never exceeds the cap, however many retries', () => {
    for (const retry of [4, 5, 10, 40]) expect(fullJitterDelay(retry, policy, () => 0.999_999)).toBe(249);
  });

  it('spreads delays across the whole range rather than clustering at the top', () => {
    const delays = Array.from({ length: 2_000 }, () => fullJitterDelay(3, policy));

    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(200);
    expect(delays.filter((delay) => delay < 100).length).toBeGreaterThan(800);
    expect(delays.filter((delay) => delay >= 100).length).toBeGreaterThan(800);
  });
});
