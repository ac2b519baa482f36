import { BffError } from '@bff/problem';
import { LRUCache } from 'lru-cache';
import type { AuthFailureLimit } from './auth-options';

/**
 * Clients tracked at once. An entry is a counter and a timestamp, so the map stays
 * within a few megabytes however many addresses a flood comes from; past this the
 * least recently seen client is forgotten first.
 */
const MAX_TRACKED_CLIENTS = 50_000;

interface FailureWindow {
  failures: number;
  endsAtMs: number;
}

/**
 * A per-client budget of failed authentications, in process memory. The auth guard
 * asks it before it checks a token's signature or looks a session up, and charges it
 * after each failure; a client that used up its budget is answered 429 without any
 * of that work until its window ends. A flood of forged tokens or random session
 * cookies therefore costs the gateway a map lookup per request, not a signature
 * check or a Redis round trip.
 *
 * The window is fixed, opened by the first failure: simple, and exact enough for a
 * budget meant to stop floods, not to meter honest clients (which rarely fail).
 *
 * @example
 * const limiter = new AuthFailureLimiter({ limit: 30, windowSeconds: 60 });
 * if (limiter.retryAfterSeconds(ip) > 0) throw tooManyAuthFailures(limiter.retryAfterSeconds(ip));
 * limiter.recordFailure(ip); // after a refused token
 */
export class AuthFailureLimiter {
  private readonly windows = new LRUCache<string, FailureWindow>({ max: MAX_TRACKED_CLIENTS });
  private readonly windowMs: number;

  constructor(
    private readonly options: AuthFailureLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.windowMs = options.windowSeconds * 1_000;
  }

  /** Seconds until `client` may authenticate again; 0 while it is within its budget. */
  retryAfterSeconds(client: string): number {
    const window = this.windows.get(client);
    if (window === undefined || window.failures < this.options.limit) return 0;
    const remainingMs = window.endsAtMs - this.now();
    if (remainingMs > 0) return Math.ceil(remainingMs / 1_000);
    this.windows.delete(client);
    return 0;
  }

  /** Charges one failed authentication to `client`. */
  recordFailure(client: string): void {
    const now = this.now();
    const window = this.windows.get(client);
    if (window === undefined || window.endsAtMs <= now) {
      this.windows.set(client, { failures: 1, endsAtMs: now + this.windowMs });
    } else {
      window.failures += 1;
    }
  }
}

/**
 * The 429 for a client past its failure budget: a rate-limit problem like any other,
 * with the seconds to wait (also sent as `Retry-After` by the guard).
 *
 * @example
 * throw tooManyAuthFailures(42);
 */
export function tooManyAuthFailures(retryAfterSeconds: number): BffError {
  return new BffError('RATE_LIMITED', `Too many failed authentications; retry in ${retryAfterSeconds} s.`, {
    reason: 'too_many_auth_failures',
    retryAfterSeconds,
  });
}
