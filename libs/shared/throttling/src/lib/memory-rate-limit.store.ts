import { LRUCache } from 'lru-cache';
import { gcra } from './gcra';
import { GcraStorage, TierTable } from './gcra.storage';
import { decisionFrom, RateLimitRecord } from './rate-limit-decision';
import type { TierPolicy } from './tier-policy';

/**
 * Rate-limit state in this process, bounded by entry count: when full, the least
 * recently seen caller is dropped. No timers: an idle entry's stored times simply
 * lie in the past, which GCRA reads the same as no entry, so expiry costs nothing
 * until the slot is reused.
 *
 * Dropping a live entry forgets that caller's usage (it starts afresh); size the
 * cap above the number of callers active within the longest window.
 *
 * @example
 * const storage = new MemoryRateLimitStore(50_000, Date.now, { default: [{ name: 'minute', limit: 600, windowSeconds: 60 }] });
 */
export class MemoryRateLimitStore extends GcraStorage {
  private readonly entries: LRUCache<string, number[]>;

  constructor(
    maxKeys: number,
    private readonly now: () => number = Date.now,
    tiers: TierTable = {},
  ) {
    super(tiers);
    this.entries = new LRUCache({ max: maxKeys });
  }

  /** Entries currently held (never more than `maxKeys`). */
  get size(): number {
    return this.entries.size;
  }

  async consume(key: string, policies: readonly TierPolicy[]): Promise<RateLimitRecord> {
    const result = gcra(policies, this.entries.get(key) ?? [], this.now());
    this.entries.set(key, result.tats);
    return decisionFrom(policies, result.allowed, result.outcomes);
  }
}
