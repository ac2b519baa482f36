import type { RateLimitDecision } from './rate-limit-decision';
import type { TierPolicy } from './tier-policy';

/**
 * Where callers' rate-limit state lives. `consume` charges one request to `key`
 * under every policy of a tier, atomically and all or nothing, and never throws
 * for an unavailable backend (it decides locally instead).
 */
export interface RateLimitStore {
  consume(key: string, policies: readonly TierPolicy[]): Promise<RateLimitDecision>;
}

/** DI token of the active {@link RateLimitStore}. */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');
