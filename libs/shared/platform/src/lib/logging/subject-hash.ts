import { LRUCache } from 'lru-cache';
import { createHmac, hash } from 'node:crypto';

/** Hex characters kept: 64 bits, plenty to tell a day's callers apart, too few to matter as an identifier. */
const LENGTH = 16;

/**
 * The access log's stand-in for the verified subject: the first 16 hex characters of
 * its HMAC-SHA256 under `LOG_SUBJECT_SECRET`, or of its plain SHA-256 when no secret is
 * set. The same caller gets the same hash on every replica, so a support engineer can
 * follow one user's requests without the log holding who they are. A plain hash of a
 * guessable subject (`"7"`) is found again by hashing guesses; the secret is what
 * stops that. The hashes of recent subjects are kept (10,000 at most), so a busy
 * caller costs one map lookup per request, not an HMAC.
 *
 * @example
 * new SubjectHash('a-secret-of-32-characters-or-more').of('user-7'); // '9f86d081884c7d65'
 */
export class SubjectHash {
  private readonly recent = new LRUCache<string, string>({ max: 10_000 });

  constructor(private readonly secret?: string) {}

  of(subject: string): string {
    let hashed = this.recent.get(subject);
    if (hashed === undefined) {
      const digest =
        this.secret === undefined ? hash('sha256', subject, 'hex') : createHmac('sha256', this.secret).update(subject).digest('hex');
      hashed = digest.slice(0, LENGTH);
      this.recent.set(subject, hashed);
    }
    return hashed;
  }
}
