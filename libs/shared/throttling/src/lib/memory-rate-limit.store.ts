import { decisionFrom, RateLimitDecision } from './rate-limit-decision';
import { gcra } from './gcra';
import type { RateLimitStore } from './rate-limit.store';
import type { TierPolicy } from './tier-policy';

/**
 * Rate-limit state in this process, bounded by entry count. The map's insertion
 * order doubles as recency (a key is re-inserted on every use), so when it is full
 * the least recently seen caller is dropped in O(1). No timers: an idle entry's
 * stored times simply lie in the past, which GCRA reads the same as no entry, so
 * expiry costs nothing until the slot is reused.
 *
 * Dropping a live entry forgets that caller's usage (it starts afresh); size the
 * cap above the number of callers active within the longest window.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly entries = new Map<string, number[]>();
  /**
   * Kept across evictions: a fresh `keys()` iterator would walk over every slot
   * deleted since the table was last compacted, which makes a full map quadratic.
   */
  private oldest = this.entries.keys();

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Entries currently held (never more than `maxKeys`). */
  get size(): number {
    return this.entries.size;
  }

  async consume(key: string, policies: readonly TierPolicy[]): Promise<RateLimitDecision> {
    const stored = this.entries.get(key);
    const result = gcra(policies, stored ?? [], this.now());
    if (stored) this.entries.delete(key);
    else if (this.entries.size >= this.maxKeys) this.evictLeastRecent();
    this.entries.set(key, result.tats);
    return decisionFrom(policies, result.allowed, result.outcomes);
  }

  private evictLeastRecent(): void {
    let next = this.oldest.next();
    if (next.done) {
      this.oldest = this.entries.keys();
      next = this.oldest.next();
    }
    if (!next.done) this.entries.delete(next.value);
  }
}
