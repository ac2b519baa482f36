import { type DynamicModule, type FactoryProvider, Module, type ModuleMetadata } from '@nestjs/common';
import { RedisConnections, RedisModule } from '@bff/platform';
import { SESSION_AUTHENTICATOR } from '../session-authenticator';
import { MemorySessionStore } from './memory-session.store';
import { RedisSessionStore } from './redis-session.store';
import { DEFAULT_SESSION_LIMITS } from './session-limits';
import { SessionController } from './session.controller';
import { SessionService } from './session.service';
import { SESSION_STORE, WEB_SESSION_OPTIONS, type WebSessionOptions } from './web-session-options';

/**
 * How `WebSessionModule.forRootAsync` gets its {@link WebSessionOptions}.
 *
 * @example
 */
export interface WebSessionModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  useFactory: FactoryProvider<WebSessionOptions>['useFactory'];
  inject?: FactoryProvider['inject'];
}

/**
 * Browser sessions for the web gateway (the token-handler pattern of "OAuth 2.0 for
 * Browser-Based Apps"): `POST /auth/login`, `POST /auth/logout`, `GET /auth/me`, and
 * session-cookie authentication (with a CSRF token) in `AuthModule`'s guard. Bearer
 * tokens keep working next to it.
 *
 * @example
 * WebSessionModule.forRootAsync({
 *   inject: [WebBffConfig, UserClient],
 *   useFactory: (config: WebBffConfig, users: UserClient) => ({
 *     credentials: { verify: (email, password) => users.verifyCredentials({ email, password }) },
 *     redisUrl: config.get('REDIS_URL'),
 *     ttlSeconds: config.get('SESSION_TTL_SECONDS'),
 *     limits: { maxPerUser: config.get('SESSION_MAX_PER_USER'), maxTotal: config.get('SESSION_MAX_TOTAL') },
 *     scopes: ['reviews:write'],
 *   }),
 * })
 */
@Module({})
export class WebSessionModule {
  static forRootAsync(options: WebSessionModuleAsyncOptions): DynamicModule {
    return {
      module: WebSessionModule,
      // Global so the auth guard, which lives in AuthModule, can find the session authenticator.
      global: true,
      imports: [...(options.imports ?? []), RedisModule],
      controllers: [SessionController],
      providers: [
        { provide: WEB_SESSION_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: SESSION_STORE,
          inject: [WEB_SESSION_OPTIONS, RedisConnections],
          useFactory: ({ redisUrl, keyPrefix, limits = DEFAULT_SESSION_LIMITS }: WebSessionOptions, connections: RedisConnections) =>
            redisUrl === undefined
              ? new MemorySessionStore(limits)
              : new RedisSessionStore(connections.commands(redisUrl), keyPrefix ?? 'bff:web:session:', limits),
        },
        SessionService,
        { provide: SESSION_AUTHENTICATOR, useExisting: SessionService },
      ],
      exports: [SESSION_AUTHENTICATOR],
    };
  }
}
