import { DynamicModule, Module, Type } from '@nestjs/common';
import type { z } from 'zod';
import { Environment, loadConfig } from './load-config';
import { TypedConfig } from './typed-config';

export interface ConfigModuleOptions<S extends z.ZodType> {
  /** The app's schema; parsing happens once, when the module is built. */
  schema: S;
  /** The app's `TypedConfig` subclass, provided globally under its own class. */
  token: Type<TypedConfig<z.output<S> & object>>;
  /** Defaults to `process.env`; tests pass their own. */
  env?: Environment;
}

/**
 * The only place that reads `process.env`. Validation runs while the app's
 * providers are created, so an app with a bad variable stops before it binds a port.
 *
 * @example
 * ConfigModule.forRoot({ schema: webBffConfigSchema, token: WebBffConfig })
 */
@Module({})
export class ConfigModule {
  /**
   * Parses the environment against a schema outside dependency injection, for what must
   * be known before the app exists (whether its listener speaks TLS).
   */
  static load<S extends z.ZodType>(schema: S, env: Environment = process.env): z.output<S> {
    return loadConfig(schema, env);
  }

  static forRoot<S extends z.ZodType>(options: ConfigModuleOptions<S>): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [
        {
          provide: options.token,
          useFactory: () => new options.token(loadConfig(options.schema, options.env ?? process.env)),
        },
      ],
      exports: [options.token],
    };
  }
}
