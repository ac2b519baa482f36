import { DynamicModule, FactoryProvider, Inject, Module, ModuleMetadata, OnModuleInit } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { FallbackRateLimitStore } from './fallback-rate-limit.store';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { unknownTierReferences } from './tier-references';
import { ThrottlingMetrics } from './throttling.metrics';
import {
  ResolvedThrottlingOptions,
  resolveThrottlingOptions,
  THROTTLING_OPTIONS,
  ThrottlingOptions,
} from './throttling.options';

export interface ThrottlingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Providers handed to `useFactory`, typically the app's config class. */
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => ThrottlingOptions | Promise<ThrottlingOptions>;
}

/**
 * Rate limiting with named tiers, GCRA, IETF RateLimit headers and, when a Redis
 * URL is configured, one limit shared by all replicas (local limits while Redis is
 * away). Registers {@link RateLimitGuard} as a global guard and provides
 * {@link ThrottlingMetrics} everywhere.
 *
 * The guard keys authenticated callers by their verified subject, so it must run
 * after the authentication guard. Nest runs the root module's global guards first,
 * then those of imported modules in import order: import this module after the one
 * that registers the authentication guard (or register that guard in the root
 * module).
 *
 * @example
 * @Module({
 *   imports: [
 *     ThrottlingModule.forRootAsync({
 *       inject: [MobileBffConfig],
 *       useFactory: (config: MobileBffConfig) => ({
 *         tiers: { default: config.get('RATE_LIMIT_DEFAULT'), login: config.get('RATE_LIMIT_LOGIN') },
 *         defaultTier: 'default',
 *         trustedProxies: config.get('TRUSTED_PROXIES'),
 *         redisUrl: config.get('REDIS_URL'),
 *         keyPrefix: 'mobile-bff:rl:',
 *       }),
 *     }),
 *   ],
 *   providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
 * })
 * export class AppModule {}
 */
@Module({})
export class ThrottlingModule implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(THROTTLING_OPTIONS) private readonly options: ResolvedThrottlingOptions,
  ) {}

  static forRootAsync(options: ThrottlingModuleAsyncOptions): DynamicModule {
    return {
      module: ThrottlingModule,
      global: true,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: THROTTLING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: never[]) => resolveThrottlingOptions(await options.useFactory(...args)),
        },
        ThrottlingMetrics,
        {
          provide: RATE_LIMIT_STORE,
          inject: [THROTTLING_OPTIONS, ThrottlingMetrics],
          useFactory: createStore,
        },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [ThrottlingMetrics],
    };
  }

  onModuleInit(): void {
    const unknown = unknownTierReferences(this.discovery, this.scanner, this.reflector, this.options.tiers);
    if (unknown.length > 0) {
      throw new Error(
        `@RateLimitTier names tiers that are not configured (${Object.keys(this.options.tiers).join(', ')}):\n  - ${unknown.join('\n  - ')}`,
      );
    }
  }
}

/** Memory alone, or Redis backed by memory; start-up waits for one connection attempt at most. */
async function createStore(
  options: ResolvedThrottlingOptions,
  metrics: ThrottlingMetrics,
): Promise<RateLimitStore> {
  const local = new MemoryRateLimitStore(options.maxLocalKeys);
  if (options.redisUrl === undefined) return local;
  const shared = new RedisRateLimitStore(options.redisUrl, options.keyPrefix);
  await shared.connect();
  return new FallbackRateLimitStore(shared, local, metrics);
}
