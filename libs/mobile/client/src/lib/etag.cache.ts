/** A payload the gateway answered with, kept with its validator for the next request. */
export interface CachedAnswer {
  etag: string;
  body: unknown;
  degraded: readonly string[];
}

/**
 * The last answer per URL and per token, so a repeated request can send `If-None-Match`
 * and reuse the payload on a `304`. Keyed by token too, because the gateway's answers
 * are per user: a sign-out or account switch must never show another user's payload.
 * Bounded, least recently used first out, because a phone keeps it in memory.
 */
export class EtagCache {
  private readonly entries = new Map<string, CachedAnswer>();

  constructor(private readonly maxEntries = 100) {}

  get(url: string, token: string | undefined): CachedAnswer | undefined {
    const key = keyOf(url, token);
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(url: string, token: string | undefined, entry: CachedAnswer): void {
    const key = keyOf(url, token);
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}

function keyOf(url: string, token: string | undefined): string {
  return `${token ?? ''} ${url}`;
}
