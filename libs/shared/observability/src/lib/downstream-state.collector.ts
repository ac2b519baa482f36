import type { DownstreamHealth } from '@bff/service-clients';
import type { Registry } from 'prom-client';
import { scrapedCounter, scrapedGauge } from './scraped-metric';

const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;

/**
 * Each downstream service's resilience state, read from {@link DownstreamHealth} at
 * scrape time: `bff_downstream_breaker_state{service, state}` (1 for the state the
 * breaker is in, 0 for the others), `bff_downstream_bulkhead_in_flight{service}`,
 * `bff_downstream_bulkhead_queued{service}`, and the totals
 * `bff_downstream_retries_total`, `bff_downstream_retries_denied_total` (the retry
 * budget was spent) and `bff_downstream_excused_timeouts_total` (timeouts not held
 * against the service because the gateway itself was congested), by `service`.
 *
 * @example
 * registerDownstreamStateMetrics(registry, app.get(DownstreamHealth));
 */
export function registerDownstreamStateMetrics(registry: Registry, health: DownstreamHealth): void {
  const states = () => Object.entries(health.states());
  scrapedGauge(
    registry,
    { name: 'bff_downstream_breaker_state', help: 'Circuit breaker state per downstream service: 1 for the current state.', labelNames: ['service', 'state'] },
    (write) => {
      for (const [service, state] of states()) {
        for (const breaker of BREAKER_STATES) write({ service, state: breaker }, state.breaker === breaker ? 1 : 0);
      }
    },
  );
  scrapedGauge(
    registry,
    { name: 'bff_downstream_bulkhead_in_flight', help: 'Calls holding a bulkhead slot, per downstream service.', labelNames: ['service'] },
    (write) => {
      for (const [service, state] of states()) write({ service }, state.inFlight);
    },
  );
  scrapedGauge(
    registry,
    { name: 'bff_downstream_bulkhead_queued', help: 'Calls waiting for a bulkhead slot, per downstream service.', labelNames: ['service'] },
    (write) => {
      for (const [service, state] of states()) write({ service }, state.queued);
    },
  );
  scrapedCounter(
    registry,
    { name: 'bff_downstream_retries_total', help: 'Retries made, per downstream service.', labelNames: ['service'] },
    (write) => {
      for (const [service, state] of states()) write({ service }, state.totals.retries);
    },
  );
  scrapedCounter(
    registry,
    { name: 'bff_downstream_retries_denied_total', help: 'Retries refused because the retry budget was spent, per downstream service.', labelNames: ['service'] },
    (write) => {
      for (const [service, state] of states()) write({ service }, state.totals.retriesDenied);
    },
  );
  scrapedCounter(
    registry,
    {
      name: 'bff_downstream_excused_timeouts_total',
      help: 'Timeouts not held against the service because the gateway was congested, per downstream service.',
      labelNames: ['service'],
    },
    (write) => {
      for (const [service, state] of states()) write({ service }, state.totals.excusedTimeouts);
    },
  );
}
