import { DEFAULT_SESSION_LIMITS, type SessionLimits, sessionCapacityError } from './session-limits';
import type { SessionStore, StoredSession } from './session.store';

interface Entry {
  session: StoredSession;
  expiresAt: number;
}

/**
 * Sessions in this process only: for a single replica and for development. Bounded
 * per user (the user's oldest session goes) and in total (a new sign-in is refused),
 * so a stream of logins can neither exhaust memory nor end other users' sessions.
 */
export class MemorySessionStore implements SessionStore {
  /** In creation order: with one lifetime for all, the first entries are the first to expire. */
  private readonly entries = new Map<string, Entry>();
  /** Each user's session keys, oldest first. */
  private readonly byUser = new Map<string, Set<string>>();

  constructor(private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS) {}

  get(key: string): Promise<StoredSession | undefined> {
    const entry = this.entries.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    if (entry.expiresAt > Date.now()) return Promise.resolve(entry.session);
    this.remove(key, entry);
    return Promise.resolve(undefined);
  }

  create(key: string, session: StoredSession, ttlSeconds: number): Promise<void> {
    const now = Date.now();
    const previous = this.entries.get(key);
    if (previous !== undefined) this.remove(key, previous);
    const mine = this.byUser.get(session.sub);
    if (mine !== undefined) {
      // The user's own oldest sessions make room for the new one; nobody else's ever do.
      // Expired ones come first (creation order), then the oldest live ones while over the cap.
      for (const oldest of mine) {
        const entry = this.entries.get(oldest);
        const live = entry !== undefined && entry.expiresAt > now;
        if (live && mine.size < this.limits.maxPerUser) break;
        mine.delete(oldest);
        this.entries.delete(oldest);
      }
      if (mine.size === 0) this.byUser.delete(session.sub);
    }
    if (this.entries.size >= this.limits.maxTotal) this.sweepExpired(now);
    if (this.entries.size >= this.limits.maxTotal) return Promise.reject(sessionCapacityError());
    this.entries.set(key, { session, expiresAt: now + ttlSeconds * 1_000 });
    const keys = this.byUser.get(session.sub) ?? new Set<string>();
    keys.add(key);
    this.byUser.set(session.sub, keys);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.remove(key, this.entries.get(key));
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.entries.clear();
    this.byUser.clear();
    return Promise.resolve();
  }

  /** Sessions live equally long, so the expired ones are the oldest: stop at the first live one. */
  private sweepExpired(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) return;
      this.remove(key, entry);
    }
  }

  private remove(key: string, entry: Entry | undefined): void {
    this.entries.delete(key);
    if (entry === undefined) return;
    const keys = this.byUser.get(entry.session.sub);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(entry.session.sub);
  }
}
