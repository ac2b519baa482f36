import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { CACHE_POLICY, CachePolicyOptions, toPolicyMetadata } from './cache-policy';
import { ResponseCacheInterceptor } from './response-cache.interceptor';

/**
 * Caches a GET route's 200 responses under this policy: `x-cache`, a strong `ETag`
 * (answering `If-None-Match` with 304), `Cache-Control` and `Vary` are set for the
 * client; concurrent misses share one handler call. Needs `CachingModule` and
 * `PlatformModule` in the app.
 *
 * @example
 * @Get(':productId')
 * @CachePolicy({
 *   ttlSeconds: 30,
 *   staleWhileRevalidateSeconds: 60,
 *   staleIfErrorSeconds: 300,
 *   scope: 'public',
 *   query: ['currency'],
 *   tags: (request) => [`product:${request.params['productId']}`],
 * })
 * get(@Param('productId', ResourceIdPipe) productId: string) {}
 */
export function CachePolicy(options: CachePolicyOptions): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(CACHE_POLICY, toPolicyMetadata(options)), UseInterceptors(ResponseCacheInterceptor));
}
