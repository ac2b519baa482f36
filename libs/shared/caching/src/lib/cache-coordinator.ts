/**
 * What the response cache needs beyond get/set/delete of entries, so that every
 * replica sees the same data: which entries each tag covers, a version per tag (a
 * write racing an invalidation must not land), notifications of invalidations made
 * elsewhere, and a lock so one replica refreshes a stale entry.
 */
export interface CacheCoordinator {
  /** False while the shared store is unreachable; the cache is then bypassed. */
  readonly available: boolean;
  /** The current version of each tag, captured before a handler runs. */
  tagVersions(tags: readonly string[]): Promise<readonly string[]>;
  /** Whether no tag was invalidated since `versions` were captured. */
  unchanged(tags: readonly string[], versions: readonly string[]): Promise<boolean>;
  /** Records that `key` is built from `tags`, for at least `ttlMs`. */
  index(key: string, tags: readonly string[], ttlMs: number): Promise<void>;
  /** Bumps the tags' versions, tells other replicas, and returns the keys they covered. */
  invalidate(tags: readonly string[]): Promise<string[]>;
  /** Registers a listener for invalidations made by other replicas. */
  onRemoteInvalidation(listener: (tags: readonly string[]) => void): void;
  /** Registers a listener for the shared store becoming reachable again. */
  onReconnect(listener: () => void): void;
  /** Takes a short lease named `name`; false if another replica holds it. */
  tryLock(name: string, ttlMs: number): Promise<boolean>;
  unlock(name: string): Promise<void>;
}

export const CACHE_COORDINATOR = Symbol('CACHE_COORDINATOR');
