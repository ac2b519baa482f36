import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { TypedConfig } from '@bff/config';
import { ProblemDetailsFilter } from '@bff/problem';
import { HealthRoute } from './health.route';
import { JsonBodiesOnly } from './json-bodies-only';
import { RequestContextHooks } from './request-context.hooks';
import { LanguageNegotiator } from './request-context.language';
import { SecurityHeadersHooks } from './security-headers.hooks';
import { SERVICE_NAME } from './service-name.token';
import { TrustedProxies } from './trusted-proxies';

export interface PlatformModuleOptions {
  service: string;
  /**
   * The app's config, to read `TRUSTED_PROXIES` from; without it
   * `X-Forwarded-For` is never believed.
   */
  config?: Type<TypedConfig<{ TRUSTED_PROXIES: readonly string[]; SUPPORTED_LANGUAGES?: readonly string[] }>>;
  /**
   * The languages answered in, most preferred first, for an app whose `config` has
   * no `SUPPORTED_LANGUAGES` (see `requestContextConfigShape`). Default `['en']`.
   */
  languages?: readonly string[];
}

/**
 * What every HTTP app in the workspace has: problem+json errors for every failure,
 * a {@link RequestContext} around every handler, security headers on every response
 * (see {@link SecurityHeadersHooks}), and `GET /health` (served by Fastify
 * beneath the Nest pipeline: see {@link HealthRoute}).
 *
 * @example
 * @Module({ imports: [PlatformModule.forRoot({ service: 'web-bff', config: WebBffConfig })] })
 * export class AppModule {}
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: PlatformModule,
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        HealthRoute,
        JsonBodiesOnly,
        config
          ? {
              provide: TrustedProxies,
              inject: [config],
              useFactory: (c: TypedConfig<{ TRUSTED_PROXIES: readonly string[] }>) => new TrustedProxies(c.get('TRUSTED_PROXIES')),
            }
          : { provide: TrustedProxies, useValue: TrustedProxies.NONE },
        {
          provide: LanguageNegotiator,
          inject: config ? [config] : [],
          useFactory: (c?: TypedConfig<{ SUPPORTED_LANGUAGES?: readonly string[] }>) =>
            new LanguageNegotiator(c?.get('SUPPORTED_LANGUAGES') ?? options.languages),
        },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        RequestContextHooks,
        SecurityHeadersHooks,
      ],
      exports: [SERVICE_NAME],
    };
  }
}
