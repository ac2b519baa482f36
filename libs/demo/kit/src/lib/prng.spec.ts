import { Prng, mulberry32 } from './prng';

describe('mulberry32', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(first);
  });

  it('draws floats in [0, 1) spread over the whole range', () => {
    const next = mulberry32(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const value = next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      const bucket = Math.floor(value * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(800);
  });
});

describe('Prng', () => {
  it('gives each string seed its own stable stream', () => {
    expect(new Prng('reviews:1').next()).toBe(new Prng('reviews:1').next());
    expect(new Prng('reviews:1').next()).not.toBe(new Prng('reviews:2').next());
  });

  it('draws whole numbers within inclusive bounds, reaching both ends', () => {
    const random = new Prng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1_000; i++) seen.add(random.int(1, 5));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('picks, samples in order without repeats, and weighs', () => {
    const random = new Prng('mix');
    const items = ['a', 'b', 'c', 'd'];
    expect(items).toContain(random.pick(items));
    const sample = random.sample(items, 3);
    expect(new Set(sample).size).toBe(3);
    expect(sample).toEqual([...sample].sort());
    expect(random.sample(items, 10)).toEqual(items);
    let heavy = 0;
    for (let i = 0; i < 1_000; i++) if (random.weighted([['rare', 1], ['common', 9]] as const) === 'common') heavy++;
    expect(heavy).toBeGreaterThan(850);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});
