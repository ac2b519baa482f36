import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';

/**
 * How a gateway's response cache is set up. Only `client` is required: without
 * `redisUrl` the cache is a bounded in-memory LRU private to the process.
 *
 * @example
 * const options: CachingOptions = { client: 'web', redisUrl: 'redis://127.0.0.1:6379', keyPrefix: 'bff:cache:' };
 */
export interface CachingOptions {
  /** Which gateway this is (`web`, `mobile`); the first part of every response key. */
  client: string;
  /**
   * Off turns the cache into a pass-through (`x-cache: BYPASS`, `no-store`) while
   * query validation and invalidations go on: a kill switch for operators, and the
   * way to measure what a cached route costs uncached. Default on.
   */
  enabled?: boolean;
  /**
   * Shared Redis for every replica (and both gateways, given the same `keyPrefix`):
   * entries, tag sets and the invalidation channel live there.
   */
  redisUrl?: string;
  /** Namespace of every Redis key and of the invalidation channel. Default `bff:cache:`. */
  keyPrefix?: string;
  /**
   * Entry bound of the in-memory LRU store. Default 10 000. (With Redis, each
   * replica's near cache of Redis reads is bounded by the platform's shared
   * connection, also at 10 000 entries.)
   */
  maxEntries?: number;
  /** Byte bound (bodies plus overhead) of the in-memory LRU store. Default 64 MiB. */
  maxBytes?: number;
  /**
   * Longest wait for one Redis command before the request goes on without the
   * cache: the cache's own timeout on the connection it shares with sessions and
   * rate limits. Default 250 ms.
   */
  redisCommandTimeoutMs?: number;
}

/**
 * Options resolved at start-up, typically from the app's typed config.
 *
 * @example
 * CachingModule.forRootAsync({
 *   inject: [WebBffConfig],
 *   useFactory: (config: WebBffConfig) => ({ client: 'web', redisUrl: config.get('REDIS_URL') }),
 * });
 */
export interface CachingModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors Nest's own factory-provider typing
  useFactory: (...args: any[]) => CachingOptions | Promise<CachingOptions>;
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
}

/** Options with every default applied. */
export type ResolvedCachingOptions = Required<Omit<CachingOptions, 'redisUrl'>> & Pick<CachingOptions, 'redisUrl'>;

export const CACHING_OPTIONS = Symbol('CACHING_OPTIONS');

export function resolveCachingOptions(options: CachingOptions): ResolvedCachingOptions {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(options.client)) {
    throw new Error(`CachingOptions.client must be a short identifier, got ${JSON.stringify(options.client)}.`);
  }
  return {
    client: options.client,
    enabled: options.enabled ?? true,
    redisUrl: options.redisUrl,
    keyPrefix: options.keyPrefix ?? 'bff:cache:',
    maxEntries: positive('maxEntries', options.maxEntries ?? 10_000),
    maxBytes: positive('maxBytes', options.maxBytes ?? 64 * 1024 * 1024),
    redisCommandTimeoutMs: positive('redisCommandTimeoutMs', options.redisCommandTimeoutMs ?? 250),
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`CachingOptions.${name} must be a positive number.`);
  return value;
}
