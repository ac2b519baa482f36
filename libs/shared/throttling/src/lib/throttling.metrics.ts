import { Injectable } from '@nestjs/common';

/**
 * Counters of the rate limiter since start-up, for the metrics endpoint to read.
 * Only this library writes them.
 *
 * @example
 * @Get('metrics')
 * @SkipRateLimit()
 * metrics() {
 *   const { allowed, limited, redisFallbacks, redisOutages } = this.throttling;
 *   return { rateLimit: { allowed, limited, redisFallbacks, redisOutages } };
 * }
 */
@Injectable()
export class ThrottlingMetrics {
  /** Requests a rate limit let through. */
  allowed = 0;
  /** Requests answered 429. */
  limited = 0;
  /** Decisions taken by the local limiter because Redis was unavailable. */
  redisFallbacks = 0;
  /** Times Redis became unavailable (each logged once). */
  redisOutages = 0;
  /** Each tier's decisions, by tier name: bounded by the configured tiers. */
  readonly tiers = new Map<string, TierDecisions>();

  /** Counts one tier's decision on one request. */
  decided(tier: string, limited: boolean): void {
    let decisions = this.tiers.get(tier);
    if (decisions === undefined) {
      decisions = { allowed: 0, limited: 0 };
      this.tiers.set(tier, decisions);
    }
    if (limited) decisions.limited += 1;
    else decisions.allowed += 1;
  }
}

/**
 * What one tier decided since start-up: requests it let through, and refused. A route
 * with two tiers counts in both until one refuses.
 *
 * @example
 * const { allowed, limited } = metrics.tiers.get('login') ?? { allowed: 0, limited: 0 };
 */
export interface TierDecisions {
  allowed: number;
  limited: number;
}
