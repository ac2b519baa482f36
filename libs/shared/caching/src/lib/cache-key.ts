import { createHash } from 'node:crypto';
import { BffError } from '@bff/problem';

/** Everything a cached response may depend on; anything else never reaches the handler. */
export interface CacheKeyParts {
  client: string;
  path: string;
  query: string;
  /** The negotiated language (one supported tag, as the request context holds it). */
  language: string;
  /** Verified subject for entries private to one user; absent for the shared entry. */
  subject?: string;
}

/**
 * The store key for one representation. The parts are hashed so that user ids,
 * languages and query values never appear in key names and every key has the same
 * short length; GET and HEAD share the key because they share the representation.
 */
export function cacheKey(prefix: string, parts: CacheKeyParts): string {
  const material = JSON.stringify([
    parts.client,
    'GET',
    parts.path,
    parts.query,
    parts.language,
    parts.subject === undefined ? 'shared' : `user:${parts.subject}`,
  ]);
  return `${prefix}r:${parts.client}:${createHash('sha256').update(material).digest('base64url')}`;
}

const ALREADY_CANONICAL = /^[A-Za-z0-9\-_.!~*'()/]*$/;

/**
 * The path of a request URL with each segment percent-encoded one canonical way,
 * so `/products/%31` and `/products/1` (the same route parameters) share an entry.
 */
export function canonicalPath(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  // Nearly every path is already canonical: nothing to decode, nothing encodeURIComponent would change.
  if (ALREADY_CANONICAL.test(path)) return path;
  return path
    .split('/')
    .map((segment) => {
      try {
        return encodeURIComponent(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join('/');
}

/**
 * The parsed query as one canonical string (names sorted, repeated values in their
 * order), after rejecting any parameter the route did not declare: an undeclared
 * parameter would either split the cache (`?nocache=<random>`) or be ignored by
 * the key while the handler could still see it.
 */
export function canonicalQuery(query: unknown, allowed: ReadonlySet<string>): string {
  if (query === null || typeof query !== 'object') return '';
  const pairs: string[] = [];
  for (const name of Object.keys(query).sort()) {
    if (!allowed.has(name)) {
      throw new BffError('INVALID_QUERY', `Unknown query parameter "${name.slice(0, 64)}".`, {
        parameter: name.slice(0, 64),
      });
    }
    const value = (query as Record<string, unknown>)[name];
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item ?? ''))}`);
    }
  }
  return pairs.join('&');
}
