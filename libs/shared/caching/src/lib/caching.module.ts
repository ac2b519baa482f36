import { DynamicModule, Module } from '@nestjs/common';
import { CacheModule } from '@nestjs/cache-manager';
import { RedisConnections, RedisModule } from '@bff/platform';
import { CacheBackend } from './cache-backend';
import { CACHE_COORDINATOR } from './cache-coordinator';
import { CacheInvalidationInterceptor } from './cache-invalidation.interceptor';
import { CacheInvalidator } from './cache-invalidator';
import { CacheMetrics } from './cache.metrics';
import {
  CACHING_OPTIONS,
  CachingModuleAsyncOptions,
  CachingOptions,
  ResolvedCachingOptions,
  resolveCachingOptions,
} from './caching.options';
import { MissCoalescer } from './miss-coalescer';
import { NotModifiedHook } from './not-modified.hook';
import { ResponseCacheInterceptor } from './response-cache.interceptor';
import { ResponseCacheStore } from './response-cache.store';

/** Holds the resolved options and the store, so the user's factory runs once and `CacheModule` can be built from them. */
@Module({})
class CachingBackendModule {}

/**
 * The response cache: `@CachePolicy` routes are served from it and
 * `@InvalidatesCache` routes invalidate it. Built on `@nestjs/cache-manager`, so
 * `CACHE_MANAGER` is the same store (memory LRU, or Redis when `redisUrl` is set).
 * Global: import it once, in the app module, next to `PlatformModule`.
 *
 * @example
 * @Module({
 *   imports: [
 *     PlatformModule.forRoot({ service: 'web-bff' }),
 *     CachingModule.forRootAsync({
 *       inject: [WebBffConfig],
 *       useFactory: (config: WebBffConfig) => ({ client: 'web', redisUrl: config.get('REDIS_URL') }),
 *     }),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class CachingModule {
  static forRoot(options: CachingOptions): DynamicModule {
    return CachingModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: CachingModuleAsyncOptions): DynamicModule {
    const backend: DynamicModule = {
      module: CachingBackendModule,
      imports: [...(options.imports ?? []), RedisModule],
      providers: [
        {
          provide: CACHING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: unknown[]) => resolveCachingOptions(await options.useFactory(...args)),
        },
        {
          provide: CacheBackend,
          inject: [CACHING_OPTIONS, RedisConnections],
          useFactory: (resolved: ResolvedCachingOptions, connections: RedisConnections) => CacheBackend.create(resolved, connections),
        },
      ],
      exports: [CACHING_OPTIONS, CacheBackend],
    };
    const cacheManager = CacheModule.registerAsync({
      imports: [backend],
      inject: [CacheBackend],
      useFactory: (store: CacheBackend) => ({ stores: store.stores }),
    });
    return {
      module: CachingModule,
      global: true,
      imports: [backend, cacheManager],
      providers: [
        { provide: CACHE_COORDINATOR, inject: [CacheBackend], useFactory: (store: CacheBackend) => store.coordinator },
        CacheMetrics,
        MissCoalescer,
        ResponseCacheStore,
        CacheInvalidator,
        NotModifiedHook,
        ResponseCacheInterceptor,
        CacheInvalidationInterceptor,
      ],
      exports: [cacheManager, backend, CacheMetrics, MissCoalescer, ResponseCacheStore, CacheInvalidator],
    };
  }
}
