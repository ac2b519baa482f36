import { type DynamicModule, Module, type Type } from '@nestjs/common';
import type { TypedConfig } from '@bff/config';
import { OPENAPI_ROUTE_OPTIONS, OpenApiRoute } from './openapi.route';

export interface OpenApiModuleOptions {
  /** The app's committed `openapi.json`. */
  document: object;
  /** The app's config, to read `OPENAPI_ENABLED` from (see `openApiConfigShape`). */
  config: Type<TypedConfig<{ OPENAPI_ENABLED: boolean }>>;
}

/**
 * Serves the app's API description at `GET /openapi.json` unless `OPENAPI_ENABLED`
 * is `false` (see {@link OpenApiRoute}).
 *
 * @example
 * import document from '../../openapi.json';
 * @Module({ imports: [OpenApiModule.forRoot({ document, config: WebBffConfig })] })
 * export class AppModule {}
 */
@Module({})
export class OpenApiModule {
  static forRoot(options: OpenApiModuleOptions): DynamicModule {
    return {
      module: OpenApiModule,
      providers: [
        {
          provide: OPENAPI_ROUTE_OPTIONS,
          inject: [options.config],
          useFactory: (config: TypedConfig<{ OPENAPI_ENABLED: boolean }>) => ({
            document: options.document,
            enabled: config.get('OPENAPI_ENABLED'),
          }),
        },
        OpenApiRoute,
      ],
    };
  }
}
