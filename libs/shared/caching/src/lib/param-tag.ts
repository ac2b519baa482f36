import type { CacheableRequest } from './cacheable-request';

/**
 * The tag function most routes need: one tag naming the entity a route parameter
 * identifies. Reads and the writes that change them use the same call, so every
 * BFF spells a tag the same way and an invalidation reaches all of them.
 *
 * @example
 * @CachePolicy({ ttlSeconds: 30, scope: 'public', tags: paramTag('product', 'productId') })
 * @InvalidatesCache(paramTag('product', 'productId'))
 */
export function paramTag(entity: string, param: string): (request: CacheableRequest) => string[] {
  return (request) => [`${entity}:${request.params[param]}`];
}
