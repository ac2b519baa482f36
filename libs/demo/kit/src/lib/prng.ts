// Module-level aliases: each global lookup is slow inside sandboxes such as Jest's
// vm context, and seeding draws hundreds of thousands of numbers.
const { floor, imul } = Math;
const NativeDate = Date;

/**
 * mulberry32: a tiny 32-bit PRNG with a good spread for demo data. Seed data must be
 * identical on every start and every machine, which `Math.random` cannot give.
 *
 * @example
 * const next = mulberry32(42);
 * next(); // always the same first value for seed 42, in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  // Kept as a signed 32-bit integer: V8 stores that unboxed, where an unsigned state
  // above 2^31 would allocate a heap number on every draw.
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = imul(state ^ (state >>> 15), state | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A seeded random source with the few draws seed generators need. A string seed
 * (e.g. `reviews:42`) gives each entity its own stream, so one product's data does
 * not change when another generator draws more or fewer numbers.
 *
 * @example
 * const random = new Prng('products');
 * const price = random.int(5, 250);
 * const colour = random.pick(['black', 'white', 'red']);
 * const createdAt = random.isoDate(Date.UTC(2021, 0, 1), Date.UTC(2025, 0, 1));
 */
export class Prng {
  private readonly source: () => number;

  constructor(seed: number | string) {
    this.source = mulberry32(typeof seed === 'number' ? seed : fnv1a(seed));
  }

  /** A float in [0, 1). */
  next(): number {
    return this.source();
  }

  /** A whole number in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + floor(this.source() * (max - min + 1));
  }

  /**
   * An ISO-8601 instant between two epoch-millisecond bounds, both inclusive. ISO
   * strings sort chronologically, so a list of them can be sorted as text.
   */
  isoDate(fromMs: number, toMs: number): string {
    return new NativeDate(this.int(fromMs, toMs)).toISOString();
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.source() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Cannot pick from an empty list.');
    return items[floor(this.source() * items.length)] as T;
  }

  /** One value, drawn in proportion to its weight. */
  weighted<T>(entries: readonly (readonly [value: T, weight: number])[]): T {
    if (entries.length === 0) throw new RangeError('Cannot draw from an empty list.');
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.source() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    // Only reachable through float rounding on the last entry.
    return (entries[entries.length - 1] as (typeof entries)[number])[0];
  }

  /** `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    const wanted = Math.min(count, items.length);
    while (chosen.size < wanted) chosen.add(floor(this.source() * items.length));
    return Array.from(chosen)
      .sort((a, b) => a - b)
      .map((index) => items[index] as T);
  }
}

/** FNV-1a: turns a readable seed into the 32-bit state mulberry32 wants. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
