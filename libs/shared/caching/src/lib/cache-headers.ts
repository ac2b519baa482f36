import type { CachedResponse } from './cached-response';

/** What the response cache says about how a response was answered. */
export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

export const SHARED_VARY = ['Accept-Language'];
export const USER_VARY = ['Accept-Language', 'Authorization', 'Cookie'];

/**
 * `Cache-Control` of a served entry. An entry is served many times and its policy
 * never changes, so the header is built once per entry and audience.
 */
export function cacheControlOf(entry: CachedResponse, audience: 'public' | 'private'): string {
  const memo = audience === 'public' ? publicCacheControl : privateCacheControl;
  let header = memo.get(entry);
  if (header === undefined) {
    header = [
      audience,
      `max-age=${Math.floor(entry.ttl)}`,
      ...(entry.swr > 0 ? [`stale-while-revalidate=${Math.floor(entry.swr)}`] : []),
      ...(entry.sie > 0 ? [`stale-if-error=${Math.floor(entry.sie)}`] : []),
    ].join(', ');
    memo.set(entry, header);
  }
  return header;
}

const publicCacheControl = new WeakMap<CachedResponse, string>();
const privateCacheControl = new WeakMap<CachedResponse, string>();

const VARY_HEADERS = new Map<readonly string[], string>([
  [SHARED_VARY, SHARED_VARY.join(', ')],
  [USER_VARY, USER_VARY.join(', ')],
]);

/** Adds to whatever `Vary` is already set (CORS adds `Origin`, for one) instead of replacing it. */
export function withVary(current: unknown, names: readonly string[]): string {
  if (current === undefined) return VARY_HEADERS.get(names) ?? names.join(', ');
  const present = (Array.isArray(current) ? current.join(',') : typeof current === 'string' ? current : '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const missing = names.filter((name) => !present.some((existing) => existing.toLowerCase() === name.toLowerCase()));
  return [...present, ...missing].join(', ');
}
