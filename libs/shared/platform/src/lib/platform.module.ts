import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { ProblemDetailsFilter } from '@bff/problem';
import { HealthController } from './health.controller';
import { RequestContextInterceptor } from './request-context.interceptor';
import { SERVICE_NAME } from './service-name.token';

/**
 * What every HTTP app in the workspace has: problem+json errors for every failure,
 * a {@link RequestContext} around every handler, and `GET /health`.
 *
 * @example
 * @Module({ imports: [PlatformModule.forRoot({ service: 'web-bff' })] })
 * export class AppModule {}
 */
@Module({})
export class PlatformModule {
  static forRoot(options: { service: string }): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
      ],
      exports: [SERVICE_NAME],
    };
  }
}
