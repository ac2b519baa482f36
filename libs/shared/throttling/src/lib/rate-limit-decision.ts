import type { ThrottlerStorage } from '@nestjs/throttler';
import type { GcraOutcome } from './gcra';
import type { TierPolicy } from './tier-policy';

/** The state of one policy after a request, as the `RateLimit` header reports it. */
export interface PolicyLimit {
  policy: TierPolicy;
  remaining: number;
  /** Seconds until another request becomes available; absent while the quota is full. */
  resetSeconds?: number;
  exceeded: boolean;
}

/** What a store decided for one request of one caller on one tier. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the request would be accepted; 0 when it was. */
  retryAfterSeconds: number;
  limits: PolicyLimit[];
}

/**
 * A decision as `ThrottlerStorage.increment` returns it. The stock fields describe
 * the tier's first policy (the `limit` and `ttl` its named throttler carries), so
 * code that reads only them, such as the stock `ThrottlerGuard`, sees one
 * consistent policy; `limits` holds every policy.
 */
export type RateLimitRecord = RateLimitDecision & ThrottlerStorageRecord;

/** `ThrottlerStorageRecord`, which @nestjs/throttler declares but does not export. */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Turns per-policy outcomes (from `gcra()` or the Lua script) into a decision.
 * Times are rounded up: a client that waits the advertised seconds finds room.
 */
export function decisionFrom(
  policies: readonly TierPolicy[],
  allowed: boolean,
  outcomes: readonly GcraOutcome[],
): RateLimitRecord {
  const limits = policies.map((policy, index): PolicyLimit => {
    const { remaining, waitMs, exceeded } = outcomes[index];
    return {
      policy,
      remaining,
      ...(remaining < policy.limit ? { resetSeconds: Math.max(1, Math.ceil(waitMs / 1000)) } : {}),
      exceeded,
    };
  });
  const waits = limits.filter((limit) => limit.exceeded).map((limit) => limit.resetSeconds ?? 1);
  const retryAfterSeconds = allowed ? 0 : Math.max(1, ...waits);
  const first = limits[0];
  return {
    allowed,
    retryAfterSeconds,
    limits,
    totalHits: first.policy.limit - first.remaining,
    timeToExpire: first.resetSeconds ?? 0,
    isBlocked: !allowed,
    timeToBlockExpire: retryAfterSeconds,
  };
}
