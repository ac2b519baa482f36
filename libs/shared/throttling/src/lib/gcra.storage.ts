import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimitRecord } from './rate-limit-decision';
import type { TierPolicy } from './tier-policy';

/** Tiers by name, as configured: each one is a named throttler. */
export type TierTable = Readonly<Record<string, readonly TierPolicy[]>>;

/**
 * A `ThrottlerStorage` that decides by GCRA (see `gcra.ts`) instead of counting
 * hits in fixed windows: no window edge, refused requests cost nothing.
 *
 * `increment(key, ttl, limit, blockDuration, throttlerName)` charges every policy
 * of the tier named `throttlerName` at once, all or nothing; any other throttler is
 * one policy of `limit` requests per `ttl` milliseconds, so the storage also serves
 * a plain `ThrottlerModule.forRoot({ throttlers, storage })`. `blockDuration` is not
 * used: GCRA refuses exactly until the next request fits, there is no block to sit out.
 *
 * @example
 * ThrottlerModule.forRoot({ throttlers: [{ ttl: 60_000, limit: 10 }], storage: new MemoryRateLimitStore(50_000) });
 */
export abstract class GcraStorage implements ThrottlerStorage {
  private readonly tiers: ReadonlyMap<string, readonly TierPolicy[]>;

  protected constructor(tiers: TierTable = {}) {
    this.tiers = new Map(Object.entries(tiers));
  }

  /** Charges one request to `key` under every policy, atomically and all or nothing. */
  abstract consume(key: string, policies: readonly TierPolicy[]): Promise<RateLimitRecord>;

  increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    const policies = this.tiers.get(throttlerName) ?? [
      { name: throttlerName, limit, windowSeconds: ttl / 1000 },
    ];
    return this.consume(key, policies);
  }
}
