import type { TypedConfig } from '@bff/config';
import { DownstreamCallObserver } from '@bff/service-clients';
import { DynamicModule, Module, type Type } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DownstreamCallMetrics } from './downstream-call.metrics';
import { GatewayStateMetrics } from './gateway-state.metrics';
import { InboundRequestMetrics } from './inbound-request.metrics';
import type { MetricsConfig } from './metrics-config.schema';
import { METRICS_OPTIONS, metricsOptionsFrom, type MetricsOptions } from './metrics.options';
import { MetricsServer } from './metrics.server';

export interface MetricsModuleOptions {
  /** The app's name, for its log line. */
  service: string;
  /** The app's config class; its schema spreads `metricsConfigShape()`. */
  config: Type<TypedConfig<MetricsConfig>>;
}

/**
 * Prometheus metrics for a gateway, from one `prom-client` registry, served on a
 * management port of their own (`GET /metrics`, see {@link MetricsServer}):
 *
 * - inbound requests by route template, method and status class (a Fastify
 *   `onResponse` hook, {@link InboundRequestMetrics});
 * - every downstream call by service, protocol and outcome: the module provides the
 *   `DownstreamCallObserver` the downstream callers report to;
 * - what the components already count, read at scrape time: breakers, bulkheads and
 *   retries, the cache per route, rate-limit decisions per tier and Redis fallbacks,
 *   admission control, and Node's process metrics ({@link GatewayStateMetrics}).
 *
 * Global, so the downstream clients find the observer; import it before them or
 * after, as the app reads best. With `METRICS_ENABLED=false` nothing is recorded and
 * no port is opened.
 *
 * @example
 * @Module({
 *   imports: [
 *     ConfigModule.forRoot({ schema: webBffConfigSchema, token: WebBffConfig }),
 *     MetricsModule.forRoot({ service: 'web-bff', config: WebBffConfig }),
 *     ServiceClientsModule.forRootAsync({ inject: [WebBffConfig], useFactory: serviceClientsOptionsFrom, global: true }),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [
        {
          provide: METRICS_OPTIONS,
          inject: [options.config],
          useFactory: (config: TypedConfig<MetricsConfig>) => metricsOptionsFrom(config, options.service),
        },
        // One registry per app, not prom-client's global one: two apps in one process keep their own.
        { provide: Registry, useFactory: () => new Registry() },
        {
          provide: DownstreamCallObserver,
          inject: [METRICS_OPTIONS, Registry],
          // `null` when off: the callers then record nothing and pay nothing.
          useFactory: (resolved: MetricsOptions, registry: Registry) => (resolved.enabled ? new DownstreamCallMetrics(registry) : null),
        },
        InboundRequestMetrics,
        GatewayStateMetrics,
        MetricsServer,
      ],
      exports: [DownstreamCallObserver],
    };
  }
}
