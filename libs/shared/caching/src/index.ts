export { CachingModule } from './lib/caching.module';
export type { CachingModuleAsyncOptions, CachingOptions } from './lib/caching.options';
export { CachePolicy } from './lib/cache-policy.decorator';
export type { CachePolicyOptions, CacheScope } from './lib/cache-policy';
export type { CacheableRequest } from './lib/cacheable-request';
export { InvalidatesCache } from './lib/invalidates-cache.decorator';
export type { InvalidationTags } from './lib/cache-invalidation';
export { CacheInvalidator } from './lib/cache-invalidator';
export { CacheMetrics, type CacheMetricsSnapshot } from './lib/cache.metrics';
