import { Counter, Gauge, type Registry } from 'prom-client';

/** Sets one series of a metric read at scrape time. */
export type SeriesWriter<L extends string> = (labels: Partial<Record<L, string>>, value: number) => void;

/**
 * The name, help and labels of a metric read at scrape time.
 *
 * @example
 * const family: ScrapedFamily<'service'> = { name: 'bff_downstream_retries_total', help: 'Retries.', labelNames: ['service'] };
 */
export interface ScrapedFamily<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

/**
 * A counter whose values are the totals a gateway component already keeps, copied in
 * when Prometheus scrapes: the component counts once, on its own terms, and nothing
 * is counted twice on the request path.
 *
 * @example
 * scrapedCounter(registry, { name: 'bff_rate_limit_redis_fallbacks_total', help: '…' }, (write) => write({}, metrics.redisFallbacks));
 */
export function scrapedCounter<L extends string>(
  registry: Registry,
  family: ScrapedFamily<L>,
  read: (write: SeriesWriter<L>) => void,
): Counter<L> {
  return new Counter<L>({
    name: family.name,
    help: family.help,
    labelNames: family.labelNames ?? [],
    registers: [registry],
    collect() {
      this.reset();
      read((labels, value) => this.inc(labels, value));
    },
  });
}

/**
 * A gauge whose values are a gateway component's state, read when Prometheus scrapes.
 *
 * @example
 * scrapedGauge(registry, { name: 'bff_admission_limit', help: '…' }, (write) => write({}, admission.snapshot().limit));
 */
export function scrapedGauge<L extends string>(
  registry: Registry,
  family: ScrapedFamily<L>,
  read: (write: SeriesWriter<L>) => void,
): Gauge<L> {
  return new Gauge<L>({
    name: family.name,
    help: family.help,
    labelNames: family.labelNames ?? [],
    registers: [registry],
    collect() {
      this.reset();
      read((labels, value) => this.set(labels, value));
    },
  });
}
