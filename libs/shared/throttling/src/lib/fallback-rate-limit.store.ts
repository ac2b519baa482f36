import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { GcraStorage, TierTable } from './gcra.storage';
import type { MemoryRateLimitStore } from './memory-rate-limit.store';
import type { RateLimitRecord } from './rate-limit-decision';
import type { RedisRateLimitStore } from './redis-rate-limit.store';
import type { ThrottlingMetrics } from './throttling.metrics';
import type { TierPolicy } from './tier-policy';

/** While Redis is failing, how often one request may probe it (the rest go local at once). */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Redis when it answers, this process's memory when it does not. A Redis outage
 * therefore never fails a request: limits keep holding, per replica instead of
 * cluster-wide, and the shared limit resumes as soon as Redis answers again.
 * Each outage is logged once and counted; every local decision is counted too.
 *
 * A Redis that hangs instead of refusing costs one command timeout per probe
 * interval, not one per request: after a failure, only one request a second tries.
 *
 * Usage recorded locally during an outage is not copied to Redis afterwards; the
 * worst case is one extra quota per replica for the outage's duration.
 *
 * @example
 * const storage = new FallbackRateLimitStore(shared, new MemoryRateLimitStore(50_000), metrics, tiers);
 */
export class FallbackRateLimitStore extends GcraStorage implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private degraded = false;
  private nextProbeAt = 0;

  constructor(
    private readonly shared: RedisRateLimitStore,
    private readonly local: MemoryRateLimitStore,
    private readonly metrics: ThrottlingMetrics,
    tiers: TierTable = {},
  ) {
    super(tiers);
  }

  async consume(key: string, policies: readonly TierPolicy[]): Promise<RateLimitRecord> {
    if (!this.shared.ready) return this.consumeLocally(key, policies, 'not connected');
    if (this.degraded) {
      if (Date.now() < this.nextProbeAt) return this.consumeLocally(key, policies, 'not answering');
      this.nextProbeAt = Date.now() + PROBE_INTERVAL_MS;
    }
    try {
      const decision = await this.shared.consume(key, policies);
      if (this.degraded) this.recovered();
      return decision;
    } catch (error) {
      this.nextProbeAt = Date.now() + PROBE_INTERVAL_MS;
      return this.consumeLocally(key, policies, error instanceof Error ? error.message : String(error));
    }
  }

  /** After the HTTP server has drained: requests in flight are still being limited. */
  onApplicationShutdown(): void {
    this.shared.close();
  }

  private consumeLocally(
    key: string,
    policies: readonly TierPolicy[],
    reason: string,
  ): Promise<RateLimitRecord> {
    this.metrics.redisFallbacks++;
    if (!this.degraded) {
      this.degraded = true;
      this.metrics.redisOutages++;
      this.logger.warn(
        `Redis is unavailable (${reason}); rate limits are enforced per replica until it is back.`,
      );
    }
    return this.local.consume(key, policies);
  }

  private recovered(): void {
    this.degraded = false;
    this.logger.log('Redis is back; rate limits are shared across replicas again.');
  }
}
