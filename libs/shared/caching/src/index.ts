export { CachingModule } from './lib/caching.module';
export { cachingConfigShape } from './lib/caching-config.schema';
export { CachePolicy } from './lib/cache-policy.decorator';
export { InvalidatesCache } from './lib/invalidates-cache.decorator';
export { paramTag } from './lib/param-tag';
export { CacheInvalidator } from './lib/cache-invalidator';
export { CacheMetrics } from './lib/cache.metrics';
