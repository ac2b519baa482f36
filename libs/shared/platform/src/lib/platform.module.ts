import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ProblemDetailsFilter } from '@bff/problem';
import { HealthController } from './health.controller';
import { SERVICE_NAME } from './service-name.token';

/**
 * What every HTTP app in the workspace has: problem+json errors for every failure
 * and `GET /health`.
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
      ],
      exports: [SERVICE_NAME],
    };
  }
}
