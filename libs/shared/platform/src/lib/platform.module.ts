import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { TypedConfig } from '@bff/config';
import { ProblemDetailsFilter } from '@bff/problem';
import { HealthRoute } from './health.route';
import { JsonBodiesOnly } from './json-bodies-only';
import { RequestContextHooks } from './request-context.hooks';
import { SERVICE_NAME } from './service-name.token';
import { TRUSTED_PROXY_HOPS } from './trusted-proxy-hops.token';

export interface PlatformModuleOptions {
  service: string;
  /**
   * The app's config, to read `TRUSTED_PROXY_HOPS` from; without it
   * `X-Forwarded-For` is never believed.
   */
  config?: Type<TypedConfig<{ TRUSTED_PROXY_HOPS: number }>>;
}

/**
 * What every HTTP app in the workspace has: problem+json errors for every failure,
 * a {@link RequestContext} around every handler, and `GET /health` (served by Fastify
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
          ? { provide: TRUSTED_PROXY_HOPS, inject: [config], useFactory: (c: TypedConfig<{ TRUSTED_PROXY_HOPS: number }>) => c.get('TRUSTED_PROXY_HOPS') }
          : { provide: TRUSTED_PROXY_HOPS, useValue: 0 },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        RequestContextHooks,
      ],
      exports: [SERVICE_NAME],
    };
  }
}
