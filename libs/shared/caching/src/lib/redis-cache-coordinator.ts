import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RedisCommandConnection, RedisSubscriberConnection } from '@bff/platform';
import type { CacheCoordinator } from './cache-coordinator';

/** Long enough to outlive any handler call a version is captured around. */
const VERSION_TTL_MS = 3_600_000;

interface InvalidationMessage {
  origin: string;
  tags: string[];
}

/**
 * Coordination through the Redis every replica shares:
 * - `<prefix>t:<tag>`: a set of the entry keys built from the tag, expiring with its longest entry;
 * - `<prefix>v:<tag>`: the tag's version, incremented by each invalidation;
 * - `<prefix>l:<name>`: refresh leases;
 * - channel `<prefix>invalidations`: every invalidation, so replicas drop their pending writes for those tags.
 */
export class RedisCacheCoordinator implements CacheCoordinator {
  private readonly origin = randomUUID();
  private readonly channel: string;
  private readonly logger = new Logger('ResponseCache');
  private readonly remoteListeners: Array<(tags: readonly string[]) => void> = [];

  /**
   * @param connection the shared command connection, whose state tells whether Redis is reachable
   * @param commands the same connection with the cache's own per-call timeout
   * @param subscriber the shared subscriber connection
   * @param prefix the cache's key prefix
   */
  constructor(
    private readonly connection: RedisCommandConnection,
    private readonly commands: RedisCommandConnection,
    private readonly subscriber: RedisSubscriberConnection,
    private readonly prefix: string,
  ) {
    this.channel = `${prefix}invalidations`;
  }

  /** False while the command connection is down: commands would fail at once. */
  get available(): boolean {
    return this.connection.isReady;
  }

  /**
   * Subscribes to the invalidation channel now or, if Redis is down, as soon as the
   * subscriber connects; node-redis itself re-subscribes after later reconnections.
   */
  listen(): void {
    let subscribed = false;
    const attempt = () => {
      if (subscribed) return;
      this.subscriber
        .subscribe(this.channel, (message: string) => this.onMessage(message))
        .then(() => (subscribed = true))
        .catch(() => undefined);
    };
    this.subscriber.on('ready', attempt);
    attempt();
  }

  async tagVersions(tags: readonly string[]): Promise<readonly string[]> {
    if (tags.length === 0) return [];
    const versions = await this.commands.mGet(tags.map((tag) => this.versionKey(tag)));
    return versions.map((version) => version ?? '0');
  }

  async unchanged(tags: readonly string[], versions: readonly string[]): Promise<boolean> {
    const current = await this.tagVersions(tags);
    return current.every((version, index) => version === versions[index]);
  }

  async index(key: string, tags: readonly string[], ttlMs: number): Promise<void> {
    if (tags.length === 0) return;
    const multi = this.commands.multi();
    for (const tag of tags) {
      const setKey = this.tagKey(tag);
      // NX gives a new set an expiry, GT only ever extends it: the set lives as long as its longest entry.
      multi.sAdd(setKey, key).pExpire(setKey, ttlMs, 'NX').pExpire(setKey, ttlMs, 'GT');
    }
    await multi.exec();
  }

  async invalidate(tags: readonly string[]): Promise<string[]> {
    if (tags.length === 0) return [];
    const multi = this.commands.multi();
    for (const tag of tags) {
      const versionKey = this.versionKey(tag);
      // The version moves before the members are read, so a write that indexed its key
      // after this point sees the new version and discards itself.
      multi.incr(versionKey).pExpire(versionKey, VERSION_TTL_MS).sMembers(this.tagKey(tag)).del(this.tagKey(tag));
    }
    const replies = await multi.exec();
    const keys = new Set<string>();
    for (let index = 2; index < replies.length; index += 4) {
      for (const key of replies[index] as unknown as string[]) keys.add(key);
    }
    const message: InvalidationMessage = { origin: this.origin, tags: [...tags] };
    await this.commands.publish(this.channel, JSON.stringify(message));
    return [...keys];
  }

  onRemoteInvalidation(listener: (tags: readonly string[]) => void): void {
    this.remoteListeners.push(listener);
  }

  /** Called on every (re)connection of the command connection, after which missed invalidations can be replayed. */
  onReconnect(listener: () => void): void {
    this.connection.on('ready', listener);
  }

  async tryLock(name: string, ttlMs: number): Promise<boolean> {
    const reply = await this.commands.set(this.lockKey(name), this.origin, {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
    return reply === 'OK';
  }

  async unlock(name: string): Promise<void> {
    await this.commands.del(this.lockKey(name));
  }

  private onMessage(raw: string): void {
    let message: InvalidationMessage;
    try {
      message = JSON.parse(raw) as InvalidationMessage;
    } catch {
      this.logger.warn('Ignored a malformed cache invalidation message');
      return;
    }
    if (message.origin === this.origin || !Array.isArray(message.tags)) return;
    const tags = message.tags.filter((tag): tag is string => typeof tag === 'string');
    for (const listener of this.remoteListeners) listener(tags);
  }

  private tagKey(tag: string): string {
    return `${this.prefix}t:${tag}`;
  }

  private versionKey(tag: string): string {
    return `${this.prefix}v:${tag}`;
  }

  private lockKey(name: string): string {
    return `${this.prefix}l:${name}`;
  }
}
