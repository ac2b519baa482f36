import { Injectable } from '@nestjs/common';

/**
 * Counts since start-up. `misses` are handler calls made for the cache (one per
 * coalesced group); `coalesced` are requests that waited for another's miss;
 * `stale` are responses served past their TTL; `bypassed` are requests the cache
 * stood aside for (credentials without a verified subject, or the store unavailable);
 * `errors` are failed store operations.
 *
 * @example
 * const { hits, misses } = metrics.snapshot();
 */
export interface CacheMetricsSnapshot {
  hits: number;
  misses: number;
  stale: number;
  coalesced: number;
  bypassed: number;
  notModified: number;
  invalidations: number;
  errors: number;
}

export type CacheEvent = keyof CacheMetricsSnapshot;

/**
 * The response cache's counters, for the gateway's metrics endpoint.
 *
 * @example
 * @Get('metrics')
 * metrics() {
 *   return { cache: this.cacheMetrics.snapshot() };
 * }
 */
@Injectable()
export class CacheMetrics {
  private readonly counts: CacheMetricsSnapshot = {
    hits: 0,
    misses: 0,
    stale: 0,
    coalesced: 0,
    bypassed: 0,
    notModified: 0,
    invalidations: 0,
    errors: 0,
  };

  /** Per route template (`/product-details/:productId`, never a raw path): bounded by the app's routes. */
  private readonly routes = new Map<string, CacheMetricsSnapshot>();

  /** Adds one occurrence of an event, counted for its route too when it names one. */
  record(event: CacheEvent, route?: string): void {
    this.counts[event] += 1;
    if (route !== undefined) this.countsOf(route)[event] += 1;
  }

  /** A copy of each route's counters, by route template. */
  byRoute(): Record<string, CacheMetricsSnapshot> {
    return Object.fromEntries([...this.routes].map(([route, counts]) => [route, { ...counts }]));
  }

  private countsOf(route: string): CacheMetricsSnapshot {
    let counts = this.routes.get(route);
    if (counts === undefined) {
      counts = { hits: 0, misses: 0, stale: 0, coalesced: 0, bypassed: 0, notModified: 0, invalidations: 0, errors: 0 };
      this.routes.set(route, counts);
    }
    return counts;
  }

  /** A copy of the counters; the caller may keep or change it freely. */
  snapshot(): CacheMetricsSnapshot {
    return { ...this.counts };
  }
}
