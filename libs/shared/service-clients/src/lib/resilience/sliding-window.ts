/** The window is kept as this many buckets, so it slides in tenths rather than jumping. */
const BUCKETS = 10;

/**
 * Counters over the last `windowMs`, kept in ten buckets that expire by the
 * clock: a bucket that last counted an earlier turn of the window is emptied
 * before reuse and left out of the totals, so counts from before a quiet spell
 * never linger (cockatiel's `SamplingBreaker` rotates one bucket per call, so
 * after a pause its old outcomes keep counting until enough new calls arrive).
 *
 * @example
 * const window = new SlidingWindow(['successes', 'failures'], 10_000);
 * window.add('failures');
 * window.totals(); // { successes: 0, failures: 1 }
 */
export class SlidingWindow<K extends string> {
  private readonly bucketMs: number;
  /** Per bucket, the turn of the window it counts (`floor(now / bucketMs)`). */
  private readonly slots = new Float64Array(BUCKETS).fill(-1);
  private readonly counts: Record<K, Uint32Array>;

  constructor(
    private readonly keys: readonly K[],
    windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.bucketMs = windowMs / BUCKETS;
    this.counts = Object.fromEntries(keys.map((key) => [key, new Uint32Array(BUCKETS)])) as Record<
      K,
      Uint32Array
    >;
  }

  add(key: K): void {
    this.counts[key][this.current()] += 1;
  }

  totals(): Record<K, number> {
    const oldest = Math.floor(this.now() / this.bucketMs) - BUCKETS;
    const totals = {} as Record<K, number>;
    for (const key of this.keys) {
      let sum = 0;
      for (let i = 0; i < BUCKETS; i++) if (this.slots[i] > oldest) sum += this.counts[key][i];
      totals[key] = sum;
    }
    return totals;
  }

  clear(): void {
    this.slots.fill(-1);
  }

  private current(): number {
    const slot = Math.floor(this.now() / this.bucketMs);
    const index = slot % BUCKETS;
    if (this.slots[index] !== slot) {
      this.slots[index] = slot;
      for (const key of this.keys) this.counts[key][index] = 0;
    }
    return index;
  }
}
