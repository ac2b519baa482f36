import { GCRA_SCRIPT, GCRA_SCRIPT_SHA1 } from './gcra.script';
import { GcraStorage, TierTable } from './gcra.storage';
import { decisionFrom, RateLimitRecord } from './rate-limit-decision';
import { isNoScript, RedisScriptClient } from './redis-script.client';
import type { TierPolicy } from './tier-policy';

/**
 * Rate-limit state in Redis, shared by every replica that uses the same Redis and
 * key prefix: one hash per (tier, caller), updated by one Lua script (`GCRA_SCRIPT`),
 * with a TTL on every key.
 *
 * The script is sent by SHA-1, and by source only when Redis answers `NOSCRIPT` (a
 * restarted Redis has lost its script cache). Any client that can run a script
 * serves (`RedisScriptClient`); `redis-rate-limit.connection.ts` opens one.
 *
 * @example
 * const shared = new RedisRateLimitStore(redisScriptClientOn(connections.commands(url)), 'web-bff:rl:');
 * await shared.connect();
 */
export class RedisRateLimitStore extends GcraStorage {
  constructor(
    private readonly client: RedisScriptClient,
    private readonly keyPrefix: string,
    tiers: TierTable = {},
  ) {
    super(tiers);
  }

  /** True while commands can be sent; otherwise callers should not even try. */
  get ready(): boolean {
    return this.client.ready;
  }

  /** Makes the first connection attempt and returns whatever its outcome: start-up never waits on Redis for long. */
  connect(): Promise<void> {
    return this.client.connect();
  }

  async consume(key: string, policies: readonly TierPolicy[]): Promise<RateLimitRecord> {
    const redisKey = this.keyPrefix + key;
    const args = policies.flatMap((policy) => [policy.name, policy.limit, policy.windowSeconds * 1000]);
    let reply: number[];
    try {
      reply = (await this.client.evalSha(GCRA_SCRIPT_SHA1, redisKey, args)) as number[];
    } catch (error) {
      if (!isNoScript(error)) throw error;
      reply = (await this.client.eval(GCRA_SCRIPT, redisKey, args)) as number[];
    }
    const outcomes = policies.map((_, index) => ({
      remaining: reply[1 + index * 3],
      waitMs: reply[2 + index * 3],
      exceeded: reply[3 + index * 3] === 1,
    }));
    return decisionFrom(policies, reply[0] === 1, outcomes);
  }

  close(): void {
    this.client.close();
  }
}
