import type { SessionStore, StoredSession } from './session.store';

/**
 * Sessions in this process only: for a single replica and for development. Bounded,
 * so a stream of logins cannot exhaust memory; when full, the oldest session goes.
 */
export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, { session: StoredSession; expiresAt: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  get(key: string): Promise<StoredSession | undefined> {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt <= Date.now()) this.entries.delete(key);
    return Promise.resolve(entry !== undefined && entry.expiresAt > Date.now() ? entry.session : undefined);
  }

  set(key: string, session: StoredSession, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evictOldest();
    this.entries.set(key, { session, expiresAt: Date.now() + ttlSeconds * 1_000 });
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.entries.clear();
    return Promise.resolve();
  }

  private evictOldest(): void {
    // Map iteration follows insertion order, and every set re-inserts, so the first entry is the oldest.
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }
}
