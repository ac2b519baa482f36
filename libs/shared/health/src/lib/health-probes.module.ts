import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AmqpModule, RedisModule } from '@bff/platform';
import { HEALTH_PROBES_OPTIONS, type HealthProbesOptions } from './health-probes.options';
import { HealthProbesRoutes } from './health-probes.routes';
import { AmqpHealthIndicator } from './indicators/amqp.health';
import { DownstreamBreakersHealthIndicator } from './indicators/downstream-breakers.health';
import { RedisHealthIndicator } from './indicators/redis.health';
import { ShutdownHealthIndicator } from './indicators/shutdown.health';

export interface HealthProbesModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Providers handed to `useFactory`, typically the app's config class. */
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => HealthProbesOptions | Promise<HealthProbesOptions>;
}

/**
 * A gateway's orchestrator probes on `@nestjs/terminus`: `GET /health/live` and
 * `GET /health/ready` (see {@link HealthProbesRoutes}), beside the platform's
 * `/health` and `/ready`, which balancers and the benchmarks keep using. It reads the
 * state the gateway already keeps (the drain, the Redis and RabbitMQ connections,
 * the downstream breakers through `DownstreamHealth`, which `ServiceClientsModule`
 * provides), so it is a feature lib: the platform, a util, may not import a
 * downstream client. Terminus' own error log is off: a failing probe is answered,
 * not logged, every few seconds.
 *
 * @example
 * @Module({
 *   imports: [
 *     HealthProbesModule.forRootAsync({
 *       inject: [WebBffConfig],
 *       useFactory: (config: WebBffConfig) => healthProbesOptionsFrom(config, ['product', 'user']),
 *     }),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class HealthProbesModule {
  static forRootAsync(options: HealthProbesModuleAsyncOptions): DynamicModule {
    return {
      module: HealthProbesModule,
      imports: [TerminusModule.forRoot({ logger: false }), RedisModule, AmqpModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: HEALTH_PROBES_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => HealthProbesOptions | Promise<HealthProbesOptions>,
        },
        ShutdownHealthIndicator,
        RedisHealthIndicator,
        AmqpHealthIndicator,
        DownstreamBreakersHealthIndicator,
        HealthProbesRoutes,
      ],
    };
  }
}
