export interface StoredSession {
  sub: string;
  /** Must come back in `x-csrf-token` on every state-changing request. */
  csrfToken: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

/**
 * Server-side session state. Keys are digests of session ids, so reading the store
 * (a Redis `KEYS`, a memory dump) does not yield a cookie that works. Every store
 * enforces the same {@link SessionLimits}: per user, the oldest session goes; in
 * total, a new session is refused rather than anyone else's ended.
 */
export interface SessionStore {
  get(key: string): Promise<StoredSession | undefined>;
  /**
   * Stores a new session, first ending the same user's oldest ones beyond their
   * cap. Rejects with `sessionCapacityError()` when the store is full.
   */
  create(key: string, session: StoredSession, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
