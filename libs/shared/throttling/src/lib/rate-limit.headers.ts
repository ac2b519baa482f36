import type { RateLimitDecision } from './rate-limit-decision';
import type { TierPolicy } from './tier-policy';

/*
 * The RateLimit header fields of draft-ietf-httpapi-ratelimit-headers-10
 * (https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/10/):
 * Structured Field lists whose items are quoted policy names.
 */

/**
 * `RateLimit-Policy` (section 3): each policy's quota `q` per window `w` seconds.
 *
 * @example
 * rateLimitPolicyHeader(tier); // '"burst";q=20;w=1, "minute";q=600;w=60'
 */
export function rateLimitPolicyHeader(policies: readonly TierPolicy[]): string {
  let header = policyHeaders.get(policies);
  if (header === undefined) {
    header = policies.map((policy) => `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`).join(', ');
    policyHeaders.set(policies, header);
  }
  return header;
}

/** A tier's policies are fixed at start-up: its header is built once, not on every request. */
const policyHeaders = new WeakMap<readonly TierPolicy[], string>();

/**
 * `RateLimit` (section 4): requests remaining `r` under each policy and, unless the
 * quota is full, `t`, the seconds until another request becomes available (with
 * GCRA, capacity returns one request at a time rather than all at a reset).
 *
 * @example
 * rateLimitHeader(decision); // '"burst";r=19;t=1, "minute";r=599;t=1'
 */
export function rateLimitHeader(decision: RateLimitDecision): string {
  return decision.limits
    .map(({ policy, remaining, resetSeconds }) =>
      resetSeconds === undefined
        ? `"${policy.name}";r=${remaining}`
        : `"${policy.name}";r=${remaining};t=${resetSeconds}`,
    )
    .join(', ');
}
