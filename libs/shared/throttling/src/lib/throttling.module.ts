import { DynamicModule, FactoryProvider, Inject, Module, ModuleMetadata, OnModuleInit } from '@nestjs/common';
import {
  APP_GUARD,
  DiscoveryModule,
  DiscoveryService,
  MetadataScanner,
  ModulesContainer,
  Reflector,
} from '@nestjs/core';
import { RedisConnections, RedisModule } from '@bff/platform';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { FallbackRateLimitStore } from './fallback-rate-limit.store';
import type { GcraStorage } from './gcra.storage';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimitGuard } from './rate-limit.guard';
import { redisScriptClientOn } from './redis-rate-limit.connection';
import { RedisRateLimitStore } from './redis-rate-limit.store';
import { unknownTierReferences } from './tier-references';
import { ThrottlingMetrics } from './throttling.metrics';
import {
  type ResolvedThrottlingOptions,
  resolveThrottlingOptions,
  THROTTLING_OPTIONS,
  ThrottlingOptions,
} from './throttling.options';

export interface ThrottlingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Providers handed to `useFactory`, typically the app's config class. */
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => ThrottlingOptions | Promise<ThrottlingOptions>;
  /**
   * Register {@link RateLimitGuard} as a global guard of this module's own (default
   * `true`). A gateway passes `false` and registers the guard itself as the `limit`
   * stage of its pipeline (`pipelineGuards` in `@bff/platform`), after the `identify` stage.
   */
  globalGuard?: boolean;
}

/** Holds the resolved options and the counters, for both `ThrottlerModule`'s factory and the guard. */
@Module({})
class ThrottlingOptionsModule {}

/**
 * Rate limiting on `@nestjs/throttler`: each tier is a named throttler of
 * `ThrottlerModule`, the storage is a GCRA (in memory, or in Redis with memory
 * while Redis is away), and {@link RateLimitGuard} is a `ThrottlerGuard`. Provides
 * {@link ThrottlingMetrics} and the guard everywhere.
 *
 * The guard keys authenticated callers by their verified subject, so it must run
 * after the authentication guard. A gateway says so once, by registering the guards
 * in the order of `pipelineGuards` (`@bff/platform`), and imports this module with
 * `globalGuard: false`. Without a
 * pipeline the module registers the guard globally itself; Nest runs the root
 * module's global guards first, then those of imported modules in import order, so
 * the authentication guard must then be registered in the root module or in a
 * module imported before this one. An app that registers the guard and leaves the
 * module's registration on would charge each request twice: it refuses to start.
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
 *       globalGuard: false,
 *     }),
 *   ],
 *   providers: pipelineGuards({ identify: BffAuthGuard, limit: RateLimitGuard }).map(
 *     (guard) => ({ provide: APP_GUARD, useExisting: guard }),
 *   ),
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
    private readonly modules: ModulesContainer,
  ) {}

  static forRootAsync(options: ThrottlingModuleAsyncOptions): DynamicModule {
    const settings: DynamicModule = {
      module: ThrottlingOptionsModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: THROTTLING_OPTIONS,
          inject: options.inject ?? [],
          useFactory: async (...args: never[]) => resolveThrottlingOptions(await options.useFactory(...args)),
        },
        ThrottlingMetrics,
      ],
      exports: [THROTTLING_OPTIONS, ThrottlingMetrics],
    };
    return {
      module: ThrottlingModule,
      global: true,
      imports: [
        DiscoveryModule,
        settings,
        ThrottlerModule.forRootAsync({
          imports: [settings, RedisModule],
          inject: [THROTTLING_OPTIONS, ThrottlingMetrics, RedisConnections],
          useFactory: throttlerOptions,
        }),
      ],
      providers: [
        RateLimitGuard,
        ...(options.globalGuard === false ? [] : [{ provide: APP_GUARD, useExisting: RateLimitGuard }]),
      ],
      exports: [settings, RateLimitGuard],
    };
  }

  onModuleInit(): void {
    const unknown = unknownTierReferences(this.discovery, this.scanner, this.reflector, this.options.tiers);
    if (unknown.length > 0) {
      throw new Error(
        `@RateLimitTier names tiers that are not configured (${Object.keys(this.options.tiers).join(', ')}):\n  - ${unknown.join('\n  - ')}`,
      );
    }
    if (this.globalRegistrationsOfGuard() > 1) {
      throw new Error(
        'RateLimitGuard is registered as a global guard twice, so every request would be charged twice: ' +
          'an app that registers it in the order of its pipeline imports ThrottlingModule with globalGuard: false.',
      );
    }
  }

  /** Nest files each global guard under a token `APP_GUARD (UUID: …)` of the module that registered it. */
  private globalRegistrationsOfGuard(): number {
    let count = 0;
    for (const module of this.modules.values()) {
      for (const [token, wrapper] of module.providers) {
        if (
          typeof token === 'string' &&
          token.startsWith(APP_GUARD) &&
          wrapper.instance instanceof RateLimitGuard
        )
          count++;
      }
    }
    return count;
  }
}

/**
 * One named throttler per tier. Its `limit` and `ttl` are those of the tier's first
 * policy, for code that reads them; the storage charges every policy of the tier.
 */
async function throttlerOptions(
  options: ResolvedThrottlingOptions,
  metrics: ThrottlingMetrics,
  connections: RedisConnections,
): Promise<ThrottlerModuleOptions> {
  return {
    throttlers: Object.entries(options.tiers).map(([name, [first]]) => ({
      name,
      limit: first.limit,
      ttl: first.windowSeconds * 1000,
    })),
    storage: await createStorage(options, metrics, connections),
  };
}

/** Memory alone, or Redis backed by memory; start-up waits for one connection attempt at most. */
async function createStorage(
  options: ResolvedThrottlingOptions,
  metrics: ThrottlingMetrics,
  connections: RedisConnections,
): Promise<GcraStorage> {
  const local = new MemoryRateLimitStore(options.maxLocalKeys, Date.now, options.tiers);
  if (options.redisUrl === undefined) return local;
  const shared = new RedisRateLimitStore(redisScriptClientOn(connections.commands(options.redisUrl)), options.keyPrefix);
  await shared.connect();
  return new FallbackRateLimitStore(shared, local, metrics, options.tiers);
}
