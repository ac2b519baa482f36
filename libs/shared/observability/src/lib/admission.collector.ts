import type { AdmissionMetrics } from '@bff/platform';
import type { Registry } from 'prom-client';
import { scrapedCounter, scrapedGauge } from './scraped-metric';

const EVENTS = ['admitted', 'queued', 'shed', 'expired', 'abandoned', 'valve'] as const;

/**
 * Admission control, read from {@link AdmissionMetrics} at scrape time:
 * `bff_admission_requests_total{event}` (`admitted`, `queued`, `shed`, `expired`,
 * `abandoned`, `valve`), and the gauges `bff_admission_limit` (the adaptive
 * concurrency limit now), `bff_admission_in_flight` and `bff_admission_waiting`.
 *
 * @example
 * registerAdmissionMetrics(registry, app.get(AdmissionMetrics));
 */
export function registerAdmissionMetrics(registry: Registry, admission: AdmissionMetrics): void {
  scrapedCounter(
    registry,
    { name: 'bff_admission_requests_total', help: 'Requests by admission decision.', labelNames: ['event'] },
    (write) => {
      const snapshot = admission.snapshot();
      for (const event of EVENTS) write({ event }, snapshot[event]);
    },
  );
  scrapedGauge(registry, { name: 'bff_admission_limit', help: 'The adaptive concurrency limit now.' }, (write) =>
    write({}, admission.snapshot().limit),
  );
  scrapedGauge(registry, { name: 'bff_admission_in_flight', help: 'Admitted requests not yet answered.' }, (write) =>
    write({}, admission.snapshot().inFlight),
  );
  scrapedGauge(registry, { name: 'bff_admission_waiting', help: 'Requests waiting for an admission slot.' }, (write) =>
    write({}, admission.snapshot().waiting),
  );
}
