export { MetricsModule, type MetricsModuleOptions } from './lib/metrics.module';
export { metricsConfigShape, refineMetricsConfig, type MetricsConfig } from './lib/metrics-config.schema';
export { TracingModule } from './lib/tracing/tracing.module';
