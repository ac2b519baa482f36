import { DynamicModule, FactoryProvider, Module, ModuleMetadata } from '@nestjs/common';
import { AdmissionHooks } from './admission.hooks';
import { AdmissionMetrics } from './admission.metrics';
import { ADMISSION_OPTIONS, type AdmissionOptions } from './admission.options';
import { GatewayLoad } from './gateway-load';
import { ReadinessDependencies } from './readiness-dependencies';
import { ReadinessRoute } from './readiness.route';

export interface AdmissionModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Providers handed to `useFactory`, typically the app's config class. */
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => AdmissionOptions | Promise<AdmissionOptions>;
}

/**
 * Overload protection at the edge: an adaptive concurrency limit with a
 * deadline-aware queue and an event-loop valve, answering the excess with a fast
 * `503 OVERLOADED` (see {@link AdmissionHooks}), plus `GET /ready`. Provides
 * {@link AdmissionMetrics}, {@link GatewayLoad} and {@link ReadinessDependencies}
 * everywhere; the downstream clients ask the gateway's load before holding a timeout
 * against a service, and register the dependencies readiness reports.
 *
 * @example
 * @Module({
 *   imports: [
 *     AdmissionModule.forRootAsync({
 *       inject: [MobileBffConfig],
 *       useFactory: (config: MobileBffConfig) =>
 *         admissionOptionsFrom(config, { 'GET /product-details/:productId': config.get('PRODUCT_DETAILS_BUDGET_MS') }),
 *     }),
 *   ],
 * })
 * export class AppModule {}
 */
@Module({})
export class AdmissionModule {
  static forRootAsync(options: AdmissionModuleAsyncOptions): DynamicModule {
    return {
      module: AdmissionModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: ADMISSION_OPTIONS,
          inject: options.inject ?? [],
          useFactory: options.useFactory as (...args: unknown[]) => AdmissionOptions | Promise<AdmissionOptions>,
        },
        AdmissionMetrics,
        AdmissionHooks,
        { provide: GatewayLoad, useExisting: AdmissionHooks },
        ReadinessDependencies,
        ReadinessRoute,
      ],
      exports: [AdmissionMetrics, GatewayLoad, ReadinessDependencies],
    };
  }
}
