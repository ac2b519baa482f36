import { LRUCache } from 'lru-cache';
import { DEFAULT_SESSION_LIMITS, type SessionLimits, sessionCapacityError } from './session-limits';
import type { SessionStore, StoredSession } from './session.store';

/**
 * Sessions in this process only: for a single replica and for development. Bounded
 * per user (the user's oldest session goes) and in total (a new sign-in is refused),
 * so a stream of logins can neither exhaust memory nor end other users' sessions.
 *
 * The sessions sit in an `lru-cache` sized to the total cap, which forgets each one
 * once its TTL has passed; the store refuses a sign-in before the cache would ever
 * have to evict a live session to make room.
 *
 * @example
 * const store = new MemorySessionStore({ maxPerUser: 10, maxTotal: 100_000 });
 * await store.create(key, { sub: '1', csrfToken, createdAt: Date.now() }, 8 * 3_600);
 */
export class MemorySessionStore implements SessionStore {
  private readonly sessions: LRUCache<string, StoredSession>;
  /** Each user's session keys, oldest first; the cache's `dispose` keeps it in step. */
  private readonly byUser = new Map<string, Set<string>>();

  constructor(private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS) {
    this.sessions = new LRUCache<string, StoredSession>({
      max: limits.maxTotal,
      // The wall clock, read at every check: a cached reading (lru-cache's default
      // `ttlResolution`) would let a session outlive its TTL by that much.
      perf: { now: () => Date.now() },
      ttlResolution: 0,
      dispose: (session, key) => this.forget(session.sub, key),
    });
  }

  get(key: string): Promise<StoredSession | undefined> {
    return Promise.resolve(this.sessions.get(key));
  }

  create(key: string, session: StoredSession, ttlSeconds: number): Promise<void> {
    this.sessions.delete(key);
    const mine = this.byUser.get(session.sub);
    if (mine !== undefined) {
      // The user's own oldest sessions make room for the new one; nobody else's ever do.
      // Expired ones come first (creation order), then the oldest live ones while over the cap.
      for (const oldest of mine) {
        if (this.sessions.has(oldest) && mine.size < this.limits.maxPerUser) break;
        this.sessions.delete(oldest);
        this.forget(session.sub, oldest);
      }
    }
    // A scan of every session, but only once the store is full, behind a credentials check.
    if (this.sessions.size >= this.limits.maxTotal) this.sessions.purgeStale();
    if (this.sessions.size >= this.limits.maxTotal) return Promise.reject(sessionCapacityError());
    // lru-cache expires an entry once more than `ttl` ms have passed; a session ends at exactly its TTL.
    this.sessions.set(key, session, { ttl: Math.max(1, ttlSeconds * 1_000 - 1) });
    const keys = this.byUser.get(session.sub) ?? new Set<string>();
    keys.add(key);
    this.byUser.set(session.sub, keys);
    return Promise.resolve();
  }

  delete(key: string): Promise<void> {
    this.sessions.delete(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.sessions.clear();
    this.byUser.clear();
    return Promise.resolve();
  }

  private forget(sub: string, key: string): void {
    const keys = this.byUser.get(sub);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(sub);
  }
}
