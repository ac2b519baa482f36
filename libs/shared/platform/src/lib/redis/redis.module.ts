import { Module } from '@nestjs/common';
import { RedisConnections } from './redis-connections';

/**
 * Provides {@link RedisConnections}. Every lib that talks to Redis imports this
 * module; Nest builds it once per application, so they all share one set of
 * connections however many of them import it.
 *
 * @example
 * @Module({ imports: [RedisModule], providers: [RedisSessionStoreProvider] })
 * export class WebSessionModule {}
 */
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
