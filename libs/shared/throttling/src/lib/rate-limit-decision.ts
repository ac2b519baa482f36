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
 * Turns per-policy outcomes (from `gcra()` or the Lua script) into a decision.
 * Times are rounded up: a client that waits the advertised seconds finds room.
 */
export function decisionFrom(
  policies: readonly TierPolicy[],
  allowed: boolean,
  outcomes: readonly GcraOutcome[],
): RateLimitDecision {
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
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, ...waits), limits };
}
