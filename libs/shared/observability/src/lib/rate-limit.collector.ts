import type { ThrottlingMetrics } from '@bff/throttling';
import type { Registry } from 'prom-client';
import { scrapedCounter } from './scraped-metric';

/**
 * The rate limiter's counters, read from {@link ThrottlingMetrics} at scrape time:
 * `bff_rate_limit_decisions_total{tier, decision}` (`allowed` or `limited`, per
 * configured tier), `bff_rate_limit_redis_fallbacks_total` (decisions taken by the
 * local limiter while Redis was away) and `bff_rate_limit_redis_outages_total`.
 *
 * @example
 * registerRateLimitMetrics(registry, app.get(ThrottlingMetrics));
 */
export function registerRateLimitMetrics(registry: Registry, throttling: ThrottlingMetrics): void {
  scrapedCounter(
    registry,
    { name: 'bff_rate_limit_decisions_total', help: 'Rate-limit decisions by tier: allowed or limited.', labelNames: ['tier', 'decision'] },
    (write) => {
      for (const [tier, { allowed, limited }] of throttling.tiers) {
        write({ tier, decision: 'allowed' }, allowed);
        write({ tier, decision: 'limited' }, limited);
      }
    },
  );
  scrapedCounter(
    registry,
    { name: 'bff_rate_limit_redis_fallbacks_total', help: 'Rate-limit decisions taken locally because Redis was unavailable.' },
    (write) => write({}, throttling.redisFallbacks),
  );
  scrapedCounter(
    registry,
    { name: 'bff_rate_limit_redis_outages_total', help: 'Times the rate limiter found Redis unavailable.' },
    (write) => write({}, throttling.redisOutages),
  );
}
