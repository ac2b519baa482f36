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
}
