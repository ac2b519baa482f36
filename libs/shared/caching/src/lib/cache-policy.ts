import type { CacheableRequest } from './cacheable-request';

/**
 * `public`: one entry shared by every caller, signed in or not. The handler runs
 * with no identity (no subject in the request context, no `request.user`, no
 * credentials among its headers), so its answer cannot depend on who asked; a route
 * whose answer does must be `per-user`.
 * `per-user`: entries keyed by the verified subject; anonymous requests are not cached.
 *
 * @example
 * @CachePolicy({ ttlSeconds: 60, scope: 'per-user' }) // GET /me/wishlist
 */
export type CacheScope = 'public' | 'per-user';

/**
 * How a GET route is cached. Seconds may be fractional.
 *
 * @example
 * const policy: CachePolicyOptions = { ttlSeconds: 30, staleWhileRevalidateSeconds: 60, scope: 'public' };
 */
export interface CachePolicyOptions {
  /** How long an entry is served as fresh (`x-cache: HIT`). */
  ttlSeconds: number;
  /** After the TTL, how long the old entry is still served while one background refresh runs. */
  staleWhileRevalidateSeconds?: number;
  /** After the TTL, how long the old entry stands in when the handler fails with a 5xx. */
  staleIfErrorSeconds?: number;
  scope: CacheScope;
  /** The query parameters the route understands; any other one is a 400 `INVALID_QUERY`. Default: none. */
  query?: readonly string[];
  /** Labels of the data an entry is built from, so a write can invalidate every entry built from it. */
  tags?: (request: CacheableRequest) => readonly string[];
}

/** The validated, frozen form of a policy, as stored in route metadata. */
export interface CachePolicyMetadata {
  ttlSeconds: number;
  staleWhileRevalidateSeconds: number;
  staleIfErrorSeconds: number;
  scope: CacheScope;
  query: ReadonlySet<string>;
  tags: (request: CacheableRequest) => readonly string[];
}

export const CACHE_POLICY = Symbol('CACHE_POLICY');

/** Validates a policy once, when the decorator is applied, so a typo fails at start-up. */
export function toPolicyMetadata(options: CachePolicyOptions): CachePolicyMetadata {
  return Object.freeze({
    ttlSeconds: seconds('ttlSeconds', options.ttlSeconds, false),
    staleWhileRevalidateSeconds: seconds('staleWhileRevalidateSeconds', options.staleWhileRevalidateSeconds ?? 0, true),
    staleIfErrorSeconds: seconds('staleIfErrorSeconds', options.staleIfErrorSeconds ?? 0, true),
    scope: scope(options.scope),
    query: new Set(options.query ?? []),
    tags: options.tags ?? (() => []),
  });
}

function seconds(name: string, value: number, zeroAllowed: boolean): number {
  if (!Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw new Error(`CachePolicy.${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number of seconds.`);
  }
  return value;
}

function scope(value: CacheScope): CacheScope {
  if (value !== 'public' && value !== 'per-user') {
    throw new Error(`CachePolicy.scope must be 'public' or 'per-user', got ${JSON.stringify(value)}.`);
  }
  return value;
}
