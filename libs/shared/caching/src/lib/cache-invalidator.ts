import { Injectable } from '@nestjs/common';
import { ResponseCacheStore } from './response-cache.store';

/**
 * Invalidation for writes that do not go through a decorated route (a message
 * consumer, a webhook): same effect as `@InvalidatesCache`.
 *
 * @example
 * constructor(private readonly cacheInvalidator: CacheInvalidator) {}
 * await this.cacheInvalidator.invalidate([`product:${productId}`]);
 */
@Injectable()
export class CacheInvalidator {
  constructor(private readonly store: ResponseCacheStore) {}

  /** Drops every cached response tagged with one of `tags`, on every replica. Never throws. */
  invalidate(tags: readonly string[]): Promise<void> {
    return this.store.invalidate(tags);
  }
}
