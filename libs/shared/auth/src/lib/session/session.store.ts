/** What the server keeps for a browser session; the browser only ever holds its id. */
export interface StoredSession {
  sub: string;
  /** Must come back in `x-csrf-token` on every state-changing request. */
  csrfToken: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

/**
 * Server-side session state. Keys are digests of session ids, so reading the store
 * (a Redis `KEYS`, a memory dump) does not yield a cookie that works.
 */
export interface SessionStore {
  get(key: string): Promise<StoredSession | undefined>;
  set(key: string, session: StoredSession, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
