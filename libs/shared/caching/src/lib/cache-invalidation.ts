import type { CacheableRequest } from './cacheable-request';

/**
 * The tags a write route invalidates, computed from its request.
 *
 * @example
 * const reviewedProduct: InvalidationTags = (request) => [`product:${request.params['productId']}`];
 */
export type InvalidationTags = (request: CacheableRequest) => readonly string[];

export const CACHE_INVALIDATION = Symbol('CACHE_INVALIDATION');
