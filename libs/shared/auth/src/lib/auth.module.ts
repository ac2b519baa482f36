import { type DynamicModule, type FactoryProvider, Logger, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { AUTH_OPTIONS, type AuthOptions } from './auth-options';
import { BffAuthGuard } from './auth.guard';
import { DEV_AUTH } from './dev-auth';
import { JwksKeySource } from './jwt/jwks.key-source';
import { createJwtAuthenticator, JWT_AUTHENTICATOR } from './jwt/jwt.authenticator';
import { createJwtStrategy, JWT_STRATEGY, type JwtStrategy } from './jwt/jwt.strategy';
import type { KeySource } from './jwt/key-source';
import { SecretKeySource } from './jwt/secret.key-source';
import { ACCESS_TOKEN_TYPES, TokenTypes } from './jwt/token-type';

/** Defaults for what {@link AuthOptions} leaves out; `authConfigShape` documents the same values. */
const DEFAULTS = {
  clockToleranceSeconds: 30,
  maxTokenLifetimeSeconds: 86_400,
  failures: { limit: 30, windowSeconds: 60 },
};

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
  /**
   * Register {@link BffAuthGuard} as a global guard of this module's own (default
   * `true`). A gateway passes `false` and registers the guard itself as the `identify`
   * stage of its pipeline (`pipelineGuards` in `@bff/platform`), which states where it runs.
   */
  globalGuard?: boolean;
}

/**
 * Bearer token validation and route authorization for one gateway, by
 * {@link BffAuthGuard}: every route needs a valid token (or, with `WebSessionModule`,
 * a session) unless it is marked `@Public()`. The module provides and exports the
 * guard, and registers it as a global guard unless `globalGuard: false`, for an app
 * that registers it in the order of its pipeline instead (`pipelineGuards`).
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
 *     AuthModule.forRootAsync({ inject: [WebBffConfig], useFactory: authOptionsFromConfig, globalGuard: false }),
 *   ],
 *   providers: pipelineGuards({ identify: BffAuthGuard, limit: RateLimitGuard }).map(
 *     (guard) => ({ provide: APP_GUARD, useExisting: guard }),
 *   ),
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
          useFactory: (auth: AuthOptions): JwtStrategy => {
            warnOfDevelopmentKey(auth);
            const allowedClients = auth.allowedClientIds ?? [];
            return createJwtStrategy(
              {
                issuer: auth.issuer,
                audience: auth.audience,
                clockToleranceSeconds: auth.clockToleranceSeconds ?? DEFAULTS.clockToleranceSeconds,
                tokenTypes: new TokenTypes(auth.acceptedTokenTypes ?? ACCESS_TOKEN_TYPES),
                maxLifetimeSeconds: auth.maxTokenLifetimeSeconds ?? DEFAULTS.maxTokenLifetimeSeconds,
                ...(allowedClients.length === 0 ? {} : { allowedClients: new Set(allowedClients) }),
              },
              keySourceFor(auth),
            );
          },
        },
        {
          provide: JWT_AUTHENTICATOR,
          inject: [JWT_STRATEGY],
          useFactory: (strategy: JwtStrategy) => createJwtAuthenticator(strategy.name, strategy.keys),
        },
        {
          provide: AuthFailureLimiter,
          inject: [AUTH_OPTIONS],
          useFactory: (auth: AuthOptions) => new AuthFailureLimiter(auth.failures ?? DEFAULTS.failures),
        },
        BffAuthGuard,
        ...(options.globalGuard === false ? [] : [{ provide: APP_GUARD, useExisting: BffAuthGuard }]),
      ],
      exports: [BffAuthGuard],
    };
  }
}

function keySourceFor(auth: AuthOptions): KeySource {
  if (auth.jwksUrl !== undefined) return new JwksKeySource({ url: auth.jwksUrl, ...auth.jwks });
  if (auth.hs256Secret !== undefined) return new SecretKeySource(auth.hs256Secret);
  throw new Error('AuthOptions need a jwksUrl or an hs256Secret.');
}

/**
 * The committed development secret is public: whoever reads the repository can mint
 * any token for a gateway that trusts it. The config rules allow it only on a
 * loopback address outside production; this says so on every start-up anyway.
 */
function warnOfDevelopmentKey(auth: AuthOptions): void {
  if (auth.hs256Secret !== DEV_AUTH.hs256Secret) return;
  new Logger('AuthModule').warn(
    'Tokens are verified with the public development key (AUTH_MODE=development): anyone can mint one. ' +
      'Set AUTH_JWKS_URL and AUTH_ISSUER for any deployment.',
  );
}
