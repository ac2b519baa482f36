import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { CACHE_INVALIDATION, InvalidationTags } from './cache-invalidation';
import { CacheInvalidationInterceptor } from './cache-invalidation.interceptor';

/**
 * Marks a write route: once its handler has finished, every cached response tagged
 * with one of the returned tags is dropped, on every replica sharing the store,
 * before the client gets the answer (so it reads its own write). A handler failing
 * with a 4xx changed nothing and invalidates nothing; a 5xx or timeout might have
 * reached the downstream service, so it invalidates too.
 *
 * @example
 * @Post(':productId/reviews')
 * @InvalidatesCache((request) => [`product:${request.params['productId']}`])
 * addReview(@Param('productId', ResourceIdPipe) productId: string, @Body() review: NewReview) {}
 */
export function InvalidatesCache(tags: InvalidationTags): MethodDecorator {
  return applyDecorators(SetMetadata(CACHE_INVALIDATION, tags), UseInterceptors(CacheInvalidationInterceptor));
}
