import type { CacheMetrics } from '@bff/caching';
import type { Registry } from 'prom-client';
import { scrapedCounter } from './scraped-metric';

/** The result label of each per-route cache counter. */
const RESULTS = [
  ['hits', 'hit'],
  ['misses', 'miss'],
  ['stale', 'stale'],
  ['coalesced', 'coalesced'],
  ['bypassed', 'bypass'],
] as const;

/**
 * The response cache's counters, read from {@link CacheMetrics} at scrape time:
 * `bff_cache_requests_total{route, result}` (`hit`, `miss`, `stale`, `coalesced`: a
 * request that waited for another's miss, `bypass`: the cache stood aside),
 * `bff_cache_not_modified_total{route}` (answered `304`), and the store's
 * `bff_cache_invalidations_total` and `bff_cache_store_errors_total`. Routes are
 * route templates.
 *
 * @example
 * registerCacheMetrics(registry, app.get(CacheMetrics));
 */
export function registerCacheMetrics(registry: Registry, cache: CacheMetrics): void {
  scrapedCounter(
    registry,
    { name: 'bff_cache_requests_total', help: 'Requests to cached routes by route template and cache result.', labelNames: ['route', 'result'] },
    (write) => {
      for (const [route, counts] of Object.entries(cache.byRoute())) {
        for (const [event, result] of RESULTS) write({ route, result }, counts[event]);
      }
    },
  );
  scrapedCounter(
    registry,
    { name: 'bff_cache_not_modified_total', help: 'Cached responses answered 304 Not Modified, by route template.', labelNames: ['route'] },
    (write) => {
      for (const [route, counts] of Object.entries(cache.byRoute())) write({ route }, counts.notModified);
    },
  );
  scrapedCounter(registry, { name: 'bff_cache_invalidations_total', help: 'Cache tags invalidated.' }, (write) =>
    write({}, cache.snapshot().invalidations),
  );
  scrapedCounter(registry, { name: 'bff_cache_store_errors_total', help: 'Failed cache store operations.' }, (write) =>
    write({}, cache.snapshot().errors),
  );
}
