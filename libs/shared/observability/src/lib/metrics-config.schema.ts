import { flag, port } from '@bff/config';
import { z } from 'zod';

/**
 * The management port's variables, to spread into a gateway's config schema (add
 * {@link refineMetricsConfig} to the schema too).
 *
 * - `METRICS_ENABLED`: `false` serves no metrics and records none. (`METRICS_PORT=0`
 *   is not "off": as for `PORT`, it asks for any free port.)
 * - `METRICS_PORT`: where `GET /metrics` is served, apart from the public port.
 * - `METRICS_HOST`: loopback by default, so only the machine (a sidecar, a node
 *   agent) can scrape; `0.0.0.0` in a container whose scraper comes over the network.
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), ...metricsConfigShape(9300) }).superRefine(refineMetricsConfig);
 */
export function metricsConfigShape(defaultPort: number) {
  return {
    METRICS_ENABLED: flag(true),
    METRICS_PORT: port(defaultPort),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  };
}

/**
 * The variables {@link metricsConfigShape} adds, parsed.
 *
 * @example
 * const metrics: MetricsConfig = { METRICS_ENABLED: true, METRICS_PORT: 9300, METRICS_HOST: '127.0.0.1' };
 */
export type MetricsConfig = z.output<z.ZodObject<ReturnType<typeof metricsConfigShape>>>;

/**
 * Refuses a management port equal to the public one: the metrics must never be
 * reachable where the clients are.
 *
 * @example
 * z.object({ ...listenConfigShape(3000), ...metricsConfigShape(9300) }).superRefine(refineMetricsConfig);
 */
export function refineMetricsConfig(config: MetricsConfig & { PORT: number }, context: z.RefinementCtx): void {
  if (!config.METRICS_ENABLED || config.METRICS_PORT === 0 || config.METRICS_PORT !== config.PORT) return;
  context.addIssue({
    code: 'custom',
    path: ['METRICS_PORT'],
    message: 'must differ from PORT: metrics are served on a management port of their own',
  });
}
