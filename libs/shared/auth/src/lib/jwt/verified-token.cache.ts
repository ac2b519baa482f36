import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import type { AuthenticatedUser } from '../authenticated-user';

/**
 * Limits of a {@link VerifiedTokenCache}.
 *
 * @example
 * const limits: VerifiedTokenCacheOptions = { maxEntries: 10_000, maxAgeSeconds: 300 };
 */
export interface VerifiedTokenCacheOptions {
  /** Tokens remembered at once; the least recently used goes first. */
  maxEntries: number;
  /**
   * Longest a verification is trusted, even for a token that lives longer: bounds
   * how long a token keeps working after its signing key was withdrawn from the key set.
   */
  maxAgeSeconds: number;
}

interface Entry {
  user: AuthenticatedUser;
  /** The key source's generation the signature was checked under. */
  generation: number;
  /** Wall-clock ms of the token's `exp`: past it the entry is dead, whatever the LRU says. */
  expiresAtMs: number;
}

/**
 * Callers whose bearer token was verified, keyed by the SHA-256 of the token (so no
 * usable credential sits in memory), until the token's `exp` or `maxAgeSeconds`,
 * whichever comes first, and only while the key set it was verified under is
 * current (see `KeySource.generation`). A phone app sends the same token for its whole lifetime:
 * one signature check, then a hash and a map lookup per request. Only successful
 * verifications are stored; a refused token is checked again every time.
 *
 * @example
 * const cache = new VerifiedTokenCache({ maxEntries: 10_000, maxAgeSeconds: 300 });
 * cache.remember(token, user, claims.exp, keys.generation);
 * cache.lookup(token, keys.generation); // user, until exp, five minutes or new keys
 */
export class VerifiedTokenCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly options: VerifiedTokenCacheOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache({ max: options.maxEntries });
  }

  lookup(token: string, generation: number): AuthenticatedUser | undefined {
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.now() >= entry.expiresAtMs || entry.generation !== generation) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.user;
  }

  /** `expSeconds` is the token's verified `exp` claim. */
  remember(token: string, user: AuthenticatedUser, expSeconds: number, generation: number): void {
    const expiresAtMs = Math.min(expSeconds * 1_000, this.now() + this.options.maxAgeSeconds * 1_000);
    if (expiresAtMs > this.now()) this.entries.set(keyOf(token), { user, expiresAtMs, generation });
  }

  get size(): number {
    return this.entries.size;
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
