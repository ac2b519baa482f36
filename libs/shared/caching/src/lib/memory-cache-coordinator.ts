import type { CacheCoordinator } from './cache-coordinator';

/**
 * Coordination within one process: the tag index lives next to the in-memory store
 * and forgets a key when the store evicts it, so it stays as bounded as the store.
 * Versions are not needed: an invalidation marks this process's pending writes
 * directly, which is all a single process can race with.
 */
export class MemoryCacheCoordinator implements CacheCoordinator {
  readonly available = true;
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly tagsByKey = new Map<string, readonly string[]>();

  async tagVersions(): Promise<readonly string[]> {
    return [];
  }

  async unchanged(): Promise<boolean> {
    return true;
  }

  async index(key: string, tags: readonly string[]): Promise<void> {
    this.forget(key);
    if (tags.length === 0) return;
    this.tagsByKey.set(key, tags);
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (keys === undefined) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  async invalidate(tags: readonly string[]): Promise<string[]> {
    const keys = new Set<string>();
    for (const tag of tags) {
      for (const key of this.keysByTag.get(tag) ?? []) keys.add(key);
    }
    for (const key of keys) this.forget(key);
    return [...keys];
  }

  /** Drops a key from the index; the store calls it when the key leaves the store. */
  forget(key: string): void {
    const tags = this.tagsByKey.get(key);
    if (tags === undefined) return;
    this.tagsByKey.delete(key);
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }

  onRemoteInvalidation(): void {
    // One process: there is no other replica to hear from.
  }

  onReconnect(): void {
    // Memory never disconnects.
  }

  async tryLock(): Promise<boolean> {
    // Refreshes are already deduplicated per key within the process.
    return true;
  }

  async unlock(): Promise<void> {
    // Nothing was taken.
  }
}
