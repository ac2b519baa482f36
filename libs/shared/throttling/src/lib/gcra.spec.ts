import { gcra } from './gcra';
import type { TierPolicy } from './tier-policy';

/** Drives `gcra()` like a store would, on a clock the test moves by hand. */
function limiter(policies: TierPolicy[]) {
  let tats: number[] = [];
  return (now: number) => {
    const result = gcra(policies, tats, now);
    tats = result.tats;
    return result;
  };
}

const tenPerSecond: TierPolicy[] = [{ name: 'second', limit: 10, windowSeconds: 1 }];

describe('gcra', () => {
  it('accepts a full quota at once and refuses the next request', () => {
    const hit = limiter(tenPerSecond);
    const accepted = Array.from({ length: 12 }, () => hit(0).allowed);
    expect(accepted).toEqual([...Array(10).fill(true), false, false]);
  });

  it('lets no double burst through at a fixed-window edge', () => {
    const hit = limiter(tenPerSecond);
    // A fixed window would grant 10 at 0.999 s and 10 more at 1.001 s.
    const beforeEdge = Array.from({ length: 10 }, () => hit(999).allowed);
    const afterEdge = Array.from({ length: 10 }, () => hit(1_001).allowed);
    expect(beforeEdge.every(Boolean)).toBe(true);
    expect(afterEdge.some(Boolean)).toBe(false);
    // Capacity returns one request per emission interval (100 ms), not all at once.
    expect(hit(1_098).allowed).toBe(false);
    expect(hit(1_099).allowed).toBe(true);
    expect(hit(1_100).allowed).toBe(false);
    expect(hit(1_199).allowed).toBe(true);
  });

  it('never accepts more than limit + span / interval over any span', () => {
    const hit = limiter(tenPerSecond);
    const accepted: number[] = [];
    for (let now = 0; now <= 5_000; now += 7) {
      if (hit(now).allowed) accepted.push(now);
    }
    for (let first = 0; first < accepted.length; first++) {
      for (let last = first; last < accepted.length; last++) {
        const span = accepted[last] - accepted[first];
        expect(last - first + 1).toBeLessThanOrEqual(10 + Math.floor(span / 100));
      }
    }
    // Once the initial burst is spent, a one-second window holds the sustained rate (plus one when it
    // opens on a request that arrived late), never twice the limit.
    const steady = accepted.filter((at) => at >= 1_000);
    for (const start of steady) {
      expect(steady.filter((at) => at >= start && at < start + 1_000).length).toBeLessThanOrEqual(10 + 1);
    }
  });

  it('reports the remaining quota and the wait for the next slot', () => {
    const hit = limiter([{ name: 'minute', limit: 600, windowSeconds: 60 }]);
    expect(hit(0).outcomes).toEqual([{ remaining: 599, waitMs: 100, exceeded: false }]);
    expect(hit(0).outcomes).toEqual([{ remaining: 598, waitMs: 100, exceeded: false }]);
    expect(hit(50).outcomes).toEqual([{ remaining: 597, waitMs: 50, exceeded: false }]);
  });

  it('refuses with the exact wait until one request fits again', () => {
    const hit = limiter([{ name: 'login', limit: 5, windowSeconds: 60 }]);
    for (let i = 0; i < 5; i++) hit(0);
    const refused = hit(1_000);
    expect(refused.allowed).toBe(false);
    expect(refused.outcomes).toEqual([{ remaining: 0, waitMs: 11_000, exceeded: true }]);
    expect(hit(11_999).allowed).toBe(false);
    expect(hit(12_000).allowed).toBe(true);
  });

  it('charges every policy or none: a refused request spends nothing', () => {
    const hit = limiter([
      { name: 'burst', limit: 2, windowSeconds: 1 },
      { name: 'minute', limit: 3, windowSeconds: 60 },
    ]);
    expect(hit(0).allowed).toBe(true);
    expect(hit(0).allowed).toBe(true);
    const byBurst = hit(0);
    expect(byBurst.allowed).toBe(false);
    expect(byBurst.outcomes.map((outcome) => [outcome.remaining, outcome.exceeded])).toEqual([
      [0, true],
      [1, false],
    ]);
    expect(hit(1_000).allowed).toBe(true);
    const byMinute = hit(1_000);
    expect(byMinute.allowed).toBe(false);
    expect(byMinute.outcomes).toEqual([
      { remaining: 1, waitMs: 500, exceeded: false },
      { remaining: 0, waitMs: 19_000, exceeded: true },
    ]);
  });

  it('treats a caller idle for a whole window as new, and says how long its state matters', () => {
    const hit = limiter(tenPerSecond);
    for (let i = 0; i < 10; i++) hit(0);
    expect(hit(0).ttlMs).toBe(1_000);
    const later = hit(5_000);
    expect(later.allowed).toBe(true);
    expect(later.outcomes[0].remaining).toBe(9);
    expect(later.ttlMs).toBe(100);
  });

  it('keeps exact counts when the interval is not a whole number of milliseconds', () => {
    const hit = limiter([{ name: 'odd', limit: 3, windowSeconds: 1 }]);
    const now = 1_712_345_678_901;
    expect([hit(now), hit(now), hit(now), hit(now)].map((result) => result.allowed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(hit(now + 333).allowed).toBe(false);
    expect(hit(now + 334).allowed).toBe(true);
  });
});
