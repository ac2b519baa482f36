import { Inject, Injectable, Logger } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { Cache } from 'cache-manager';
import { CACHE_COORDINATOR, type CacheCoordinator } from './cache-coordinator';
import { CacheMetrics } from './cache.metrics';
import { CachedResponse, isCachedResponse } from './cached-response';
import { CACHING_OPTIONS, type ResolvedCachingOptions } from './caching.options';

/** A write in progress: the tag versions seen before the handler ran, and whether an invalidation overtook it. */
export interface PendingWrite {
  readonly tags: readonly string[];
  versions: readonly string[];
  overtaken: boolean;
}

/** Tags that could not be invalidated while Redis was away are kept (up to this many) and replayed. */
const MAX_PENDING_INVALIDATIONS = 10_000;

/** After a store operation misses its deadline, the cache stands aside this long instead of making every request wait. */
const SUSPENSION_MS = 1_000;

class StoreDeadlineExceeded extends Error {}

/**
 * Entries go through cache-manager (`CACHE_MANAGER`, a Keyv store: the bounded
 * memory LRU or Redis); tags, versions and notifications through the coordinator.
 * Every failure of the store is absorbed here: a read that fails is a miss, a write
 * that fails is skipped, and the request is served either way. Against Redis each
 * operation has a deadline (a connected Redis that stops answering would otherwise
 * hold requests indefinitely), and a missed deadline suspends the cache briefly.
 */
@Injectable()
export class ResponseCacheStore {
  private readonly logger = new Logger('ResponseCache');
  private readonly pendingWrites = new Set<PendingWrite>();
  private readonly pendingInvalidations = new Set<string>();
  private readonly deadlineMs: number | undefined;
  private suspendedUntil = 0;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @Inject(CACHE_COORDINATOR) private readonly coordinator: CacheCoordinator,
    private readonly metrics: CacheMetrics,
    @Inject(CACHING_OPTIONS) options: ResolvedCachingOptions,
  ) {
    this.deadlineMs = options.redisUrl === undefined ? undefined : options.redisCommandTimeoutMs;
    coordinator.onRemoteInvalidation((tags) => this.overtakePendingWrites(tags));
    coordinator.onReconnect(() => void this.replayInvalidations());
    // cache-manager turns a failed read into a miss and only reports it as an event.
    cache.on('get', ({ error }) => {
      if (error !== undefined) this.metrics.record('errors');
    });
  }

  /** False while the shared store is unreachable or was just too slow. */
  get available(): boolean {
    return this.coordinator.available && Date.now() >= this.suspendedUntil;
  }

  async read(key: string): Promise<CachedResponse | undefined> {
    try {
      const value = await this.guard(this.cache.get<unknown>(key));
      return isCachedResponse(value) ? value : undefined;
    } catch {
      this.metrics.record('errors');
      return undefined;
    }
  }

  /** Call before the handler runs; pair with {@link endWrite}. */
  async beginWrite(tags: readonly string[]): Promise<PendingWrite> {
    const write: PendingWrite = { tags, versions: [], overtaken: false };
    this.pendingWrites.add(write);
    if (!this.available) {
      write.overtaken = true;
      return write;
    }
    try {
      write.versions = await this.guard(this.coordinator.tagVersions(tags));
    } catch {
      this.metrics.record('errors');
      write.overtaken = true;
    }
    return write;
  }

  /**
   * Stores the entry unless an invalidation of one of its tags happened since
   * {@link beginWrite}. The key joins the tag sets first and the versions are checked
   * before and after the write, so whichever way a concurrent invalidation
   * interleaves, either this write is withdrawn or the invalidation deletes it.
   */
  async commit(write: PendingWrite, key: string, entry: CachedResponse, ttlMs: number): Promise<boolean> {
    if (write.overtaken || !this.available) return false;
    try {
      await this.guard(this.coordinator.index(key, write.tags, ttlMs));
      if (!(await this.stillValid(write))) return false;
      await this.guard(this.cache.set(key, entry, ttlMs));
      if (await this.stillValid(write)) return true;
      await this.guard(this.cache.del(key));
      return false;
    } catch {
      this.metrics.record('errors');
      return false;
    }
  }

  endWrite(write: PendingWrite): void {
    this.pendingWrites.delete(write);
  }

  /**
   * Drops every entry built from any of `tags`, on every replica. Never throws: if
   * the store is unreachable the tags are replayed once it is back.
   */
  async invalidate(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    this.overtakePendingWrites(tags);
    try {
      const keys = await this.guard(this.coordinator.invalidate(tags));
      if (keys.length > 0) await this.guard(this.cache.mdel(keys));
      this.metrics.record('invalidations');
    } catch (error) {
      this.metrics.record('errors');
      for (const tag of tags) {
        if (this.pendingInvalidations.size < MAX_PENDING_INVALIDATIONS) this.pendingInvalidations.add(tag);
      }
      this.logger.warn(`Invalidation of ${tags.join(', ')} deferred until the cache store is back: ${describe(error)}`);
    }
  }

  /** Takes the refresh lease for a key, so one replica refreshes it; false if another holds it or on failure. */
  async tryLock(name: string, ttlMs: number): Promise<boolean> {
    try {
      return await this.guard(this.coordinator.tryLock(name, ttlMs));
    } catch {
      this.metrics.record('errors');
      return false;
    }
  }

  async unlock(name: string): Promise<void> {
    try {
      await this.guard(this.coordinator.unlock(name));
    } catch {
      // The lease expires by itself.
    }
  }

  private async stillValid(write: PendingWrite): Promise<boolean> {
    if (write.overtaken) return false;
    const unchanged = await this.guard(this.coordinator.unchanged(write.tags, write.versions));
    return unchanged && !write.overtaken;
  }

  private overtakePendingWrites(tags: readonly string[]): void {
    const invalidated = new Set(tags);
    for (const write of this.pendingWrites) {
      if (write.tags.some((tag) => invalidated.has(tag))) write.overtaken = true;
    }
  }

  private async replayInvalidations(): Promise<void> {
    if (this.pendingInvalidations.size === 0) return;
    const tags = [...this.pendingInvalidations];
    this.pendingInvalidations.clear();
    this.logger.log(`Replaying ${tags.length} deferred cache invalidation(s)`);
    await this.invalidate(tags);
  }

  private async guard<T>(operation: Promise<T>): Promise<T> {
    if (this.deadlineMs === undefined) return operation;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreDeadlineExceeded(`no answer within ${this.deadlineMs} ms`)), this.deadlineMs);
    });
    try {
      return await Promise.race([operation, deadline]);
    } catch (error) {
      if (error instanceof StoreDeadlineExceeded) this.suspendedUntil = Date.now() + SUSPENSION_MS;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
