import type { CachePolicyMetadata } from './cache-policy';

/** One stored representation and the policy windows it was stored under (seconds). */
export interface CachedResponse {
  body: string;
  contentType: string;
  etag: string;
  /** Epoch milliseconds. */
  storedAt: number;
  ttl: number;
  swr: number;
  sie: number;
}

/**
 * `fresh` within the TTL; then `stale-while-revalidate` within that window, then
 * `stale-if-error` within its window (both counted from the end of the TTL); then `expired`.
 */
export type Freshness = 'fresh' | 'stale-while-revalidate' | 'stale-if-error' | 'expired';

export function freshnessOf(entry: CachedResponse, now: number): Freshness {
  const age = (now - entry.storedAt) / 1000;
  if (age < entry.ttl) return 'fresh';
  if (age < entry.ttl + entry.swr) return 'stale-while-revalidate';
  if (age < entry.ttl + entry.sie) return 'stale-if-error';
  return 'expired';
}

/** How long the store keeps an entry: until the last window in which it may still be served. */
export function retentionMs(policy: Pick<CachePolicyMetadata, 'ttlSeconds' | 'staleWhileRevalidateSeconds' | 'staleIfErrorSeconds'>): number {
  const seconds = policy.ttlSeconds + Math.max(policy.staleWhileRevalidateSeconds, policy.staleIfErrorSeconds);
  return Math.ceil(seconds * 1000);
}

/** Whole seconds since the entry was stored, for the `Age` header. */
export function ageOf(entry: CachedResponse, now: number): number {
  return Math.max(0, Math.floor((now - entry.storedAt) / 1000));
}

/** Guards against entries written by another version of the gateway or damaged in the store. */
export function isCachedResponse(value: unknown): value is CachedResponse {
  if (value === null || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry['body'] === 'string' &&
    typeof entry['contentType'] === 'string' &&
    typeof entry['etag'] === 'string' &&
    typeof entry['storedAt'] === 'number' &&
    typeof entry['ttl'] === 'number' &&
    typeof entry['swr'] === 'number' &&
    typeof entry['sie'] === 'number'
  );
}
