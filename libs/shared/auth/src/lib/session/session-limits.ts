import { BffError } from '@bff/problem';

/**
 * How many sessions a store keeps. A user past their own cap loses their oldest
 * session; a store at its total cap refuses the new sign-in instead, because the
 * only sessions it could end to make room belong to other people.
 *
 * @example
 * const limits: SessionLimits = { maxPerUser: 10, maxTotal: 100_000 };
 */
export interface SessionLimits {
  /** Sessions one user may hold at once; signing in once more ends that user's oldest. */
  maxPerUser: number;
  /** Sessions of every user together; a sign-in beyond it is refused with 503. */
  maxTotal: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { maxPerUser: 10, maxTotal: 100_000 };

/** Sessions end by sign-out or expiry only, so a refused sign-in is worth retrying after a while, not at once. */
export const SESSION_CAPACITY_RETRY_AFTER_SECONDS = 60;

/** The store holds `maxTotal` live sessions: 503 `OVERLOADED` with `reason: session-capacity`. */
export function sessionCapacityError(): BffError {
  return new BffError('OVERLOADED', 'Too many sessions are open right now; try signing in again later.', {
    reason: 'session-capacity',
    retryAfterSeconds: SESSION_CAPACITY_RETRY_AFTER_SECONDS,
  });
}
