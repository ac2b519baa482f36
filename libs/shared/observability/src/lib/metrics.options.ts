import type { MetricsConfig } from './metrics-config.schema';

/** DI token of the resolved {@link MetricsOptions}. */
export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

/**
 * Whether and where a gateway serves its metrics.
 *
 * @example
 * const options: MetricsOptions = { service: 'web-bff', enabled: true, port: 9300, host: '127.0.0.1' };
 */
export interface MetricsOptions {
  /** The app's name, for its log line. */
  service: string;
  enabled: boolean;
  port: number;
  host: string;
}

/**
 * Anything that reads the metrics variables by name: an app's `TypedConfig` subclass
 * whose schema spreads `metricsConfigShape()`.
 *
 * @example
 * const reader: MetricsConfigReader = new WebBffConfig(values);
 */
export interface MetricsConfigReader {
  get<K extends keyof MetricsConfig>(key: K): MetricsConfig[K];
}

/**
 * The options from the app's config.
 *
 * @example
 * metricsOptionsFrom(config, 'mobile-bff'); // { service: 'mobile-bff', enabled: true, port: 9301, host: '127.0.0.1' }
 */
export function metricsOptionsFrom(config: MetricsConfigReader, service: string): MetricsOptions {
  return {
    service,
    enabled: config.get('METRICS_ENABLED'),
    port: config.get('METRICS_PORT'),
    host: config.get('METRICS_HOST'),
  };
}
