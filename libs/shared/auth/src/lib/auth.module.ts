import { type DynamicModule, type FactoryProvider, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { BffAuthGuard } from './auth.guard';
import { JwksKeySource } from './jwt/jwks.key-source';
import { createJwtAuthenticator, JWT_AUTHENTICATOR } from './jwt/jwt.authenticator';
import { createJwtStrategy, JWT_STRATEGY, type JwtStrategy } from './jwt/jwt.strategy';
import type { KeySource } from './jwt/key-source';
import { SecretKeySource } from './jwt/secret.key-source';

/**
 * How `AuthModule.forRootAsync` gets its {@link AuthOptions}: a factory with its
 * dependencies, as in any Nest async module.
 *
 * @example
 * { inject: [MobileBffConfig], useFactory: authOptionsFromConfig }
 */
export interface AuthModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  useFactory: FactoryProvider<AuthOptions>['useFactory'];
  inject?: FactoryProvider['inject'];
}

/**
 * Bearer token validation and route authorization for one gateway. Installs a
 * global guard, so every route needs a valid token (or, with `WebSessionModule`,
 * a session) unless it is marked `@Public()`.
 *
 * Tokens are verified through @nestjs/passport: a passport-jwt strategy registered
 * under a name unique to this module (`bff-jwt:<audience>:<n>`), run by
 * `AuthGuard(name)`. Several gateways, replicas or test apps can therefore share one
 * process, each with its own issuer, audience and keys; a closed app unregisters
 * its strategy.
 *
 * @example
 * @Module({
 *   imports: [
 *     ConfigModule.forRoot({ schema: webBffConfigSchema, token: WebBffConfig }),
 *     AuthModule.forRootAsync({ inject: [WebBffConfig], useFactory: authOptionsFromConfig }),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class AuthModule {
  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        { provide: AUTH_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: JWT_STRATEGY,
          inject: [AUTH_OPTIONS],
          useFactory: (auth: AuthOptions): JwtStrategy =>
            createJwtStrategy(
              { issuer: auth.issuer, audience: auth.audience, clockToleranceSeconds: auth.clockToleranceSeconds ?? 30 },
              keySourceFor(auth),
            ),
        },
        {
          provide: JWT_AUTHENTICATOR,
          inject: [JWT_STRATEGY],
          useFactory: (strategy: JwtStrategy) => createJwtAuthenticator(strategy.name, strategy.keys),
        },
        { provide: APP_GUARD, useClass: BffAuthGuard },
      ],
    };
  }
}

function keySourceFor(auth: AuthOptions): KeySource {
  if (auth.jwksUrl !== undefined) return new JwksKeySource({ url: auth.jwksUrl, ...auth.jwks });
  if (auth.hs256Secret !== undefined) return new SecretKeySource(auth.hs256Secret);
  throw new Error('AuthOptions need a jwksUrl or an hs256Secret.');
}
