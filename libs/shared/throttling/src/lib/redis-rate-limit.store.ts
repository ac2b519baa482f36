import { Redis } from 'ioredis';
import { GCRA_SCRIPT } from './gcra.script';
import { decisionFrom, RateLimitDecision } from './rate-limit-decision';
import type { RateLimitStore } from './rate-limit.store';
import type { TierPolicy } from './tier-policy';

interface GcraCommand {
  consumeRateLimit(key: string, ...args: (string | number)[]): Promise<number[]>;
}

/**
 * Rate-limit state in Redis, shared by every replica that uses the same URL and
 * key prefix: one hash per (tier, caller), updated by one Lua script (`GCRA_SCRIPT`),
 * with a TTL on every key.
 *
 * The client is tuned to fail fast rather than to be patient: no offline queue, no
 * command retries, short connect and command timeouts. A request must never wait
 * for Redis to come back; `FallbackRateLimitStore` decides locally meanwhile, while
 * the client keeps reconnecting in the background.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly client: Redis & GcraCommand;

  constructor(url: string, keyPrefix: string) {
    const client = new Redis(url, {
      keyPrefix,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1_000,
      commandTimeout: 500,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
      // On close, ioredis arms this timer even for a socket an outage already closed; keep shutdown prompt.
      disconnectTimeout: 100,
    });
    // Outages are reported once by the fallback store; unheard, ioredis would print every failed reconnect.
    client.on('error', () => undefined);
    // Sent by SHA; ioredis resends the source when a restarted Redis has lost its script cache.
    client.defineCommand('consumeRateLimit', { numberOfKeys: 1, lua: GCRA_SCRIPT });
    this.client = client as Redis & GcraCommand;
  }

  /** True while commands can be sent; otherwise callers should not even try. */
  get ready(): boolean {
    return this.client.status === 'ready';
  }

  /** Makes the first connection attempt and returns whatever its outcome: start-up never waits on Redis for long. */
  async connect(): Promise<void> {
    await this.client.connect().catch(() => undefined);
  }

  async consume(key: string, policies: readonly TierPolicy[]): Promise<RateLimitDecision> {
    const args = policies.flatMap((policy) => [policy.name, policy.limit, policy.windowSeconds * 1000]);
    const reply = await this.client.consumeRateLimit(key, ...args);
    const outcomes = policies.map((_, index) => ({
      remaining: reply[1 + index * 3],
      waitMs: reply[2 + index * 3],
      exceeded: reply[3 + index * 3] === 1,
    }));
    return decisionFrom(policies, reply[0] === 1, outcomes);
  }

  close(): void {
    this.client.disconnect();
  }
}
