import { Injectable } from '@nestjs/common';

/**
 * Counts since start-up, and the state now. `admitted` requests entered the
 * pipeline (at once or after `queued`); `shed` were turned away on arrival with a
 * 503 (limit reached, no room in time in the queue); `expired` waited in the queue
 * until their route budget could no longer be met and were dropped before any work
 * started; `abandoned` were given up by their client while queued; `valve` were
 * turned away because the event loop was past the valve.
 *
 * @example
 * const { shed, expired, valve, limit, inFlight, queued } = metrics.snapshot();
 */
export interface AdmissionMetricsSnapshot {
  admitted: number;
  queued: number;
  shed: number;
  expired: number;
  abandoned: number;
  valve: number;
  /** The concurrency limit now. */
  limit: number;
  /** Admitted requests not yet answered. */
  inFlight: number;
  /** Requests waiting for a slot now. */
  waiting: number;
}

export type AdmissionEvent = 'admitted' | 'queued' | 'shed' | 'expired' | 'abandoned' | 'valve';

/**
 * The admission controller's counters, for the gateway's metrics endpoint to read.
 * Only this library writes them.
 *
 * @example
 * @Get('metrics')
 * metrics() {
 *   return { admission: this.admissionMetrics.snapshot() };
 * }
 */
@Injectable()
export class AdmissionMetrics {
  private readonly counts: Record<AdmissionEvent, number> = {
    admitted: 0,
    queued: 0,
    shed: 0,
    expired: 0,
    abandoned: 0,
    valve: 0,
  };
  private gauges: () => Pick<AdmissionMetricsSnapshot, 'limit' | 'inFlight' | 'waiting'> = () => ({
    limit: 0,
    inFlight: 0,
    waiting: 0,
  });

  record(event: AdmissionEvent): void {
    this.counts[event] += 1;
  }

  /** Requests turned away so far, for whatever reason. */
  get turnedAway(): number {
    return this.counts.shed + this.counts.expired + this.counts.valve;
  }

  /** Where the current limit and queue are read from (the admission hooks, once running). */
  readGaugesFrom(gauges: () => Pick<AdmissionMetricsSnapshot, 'limit' | 'inFlight' | 'waiting'>): void {
    this.gauges = gauges;
  }

  snapshot(): AdmissionMetricsSnapshot {
    return { ...this.counts, ...this.gauges() };
  }
}
