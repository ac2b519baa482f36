import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { type FaultAction, planFault } from './fault-plan';
import { FAULT_RANDOM } from './fault-random.token';
import { FaultStore } from './fault-store.service';
import { RequestLog } from './request-log.service';
import { RequestStats } from './request-stats.service';

/** How a delivery shows in `GET /__admin/requests`: no HTTP method fits a consumed message. */
export const CONSUME_METHOD = 'CONSUME';

/**
 * What the fault set for a queue does to one delivery, after its `latencyMs`:
 * - `process`: nothing, the command is processed;
 * - `fail`: processing fails and the command goes back to its queue, which counts the
 *   delivery (`status` ≥ 500, a failing `errorRate` roll, `reset`);
 * - `reject`: the command is refused for good and dead-lettered at once (`status` 4xx);
 * - `hold`: the delivery stays unacknowledged until shutdown (`hang`).
 * `invalidBody` has no body to garble here and changes nothing.
 */
export type DeliveryFault = 'process' | 'fail' | 'reject' | 'hold';

/**
 * The demo fault knobs and counters, applied to consumed messages (commands, as
 * opposed to the requests {@link AmqpFaultInjection} answers): the fault set with
 * `PUT /__admin/faults` whose `path` matches `/<queue name without its prefix>` (for
 * instance `/review.v1.submit`) breaks deliveries as it breaks HTTP requests, `times`
 * counting deliveries, and each delivery shows in `/__admin/stats` and
 * `/__admin/requests` as a `CONSUME` of that path.
 *
 * @example
 * const fault = await knobs.deliver('/review.v1.submit', { 'message-id': 'k-4f1c2a9b' });
 * if (fault === 'reject') channel.nack(message, false, false);
 */
@Injectable()
export class AmqpDeliveryFaults implements BeforeApplicationShutdown {
  private readonly shutdown = new AbortController();

  constructor(
    private readonly store: FaultStore,
    private readonly stats: RequestStats,
    private readonly log: RequestLog,
    @Inject(FAULT_RANDOM) private readonly random: () => number,
  ) {}

  beforeApplicationShutdown(): void {
    this.shutdown.abort();
  }

  /**
   * Counts and logs one delivery, waits out the fault's latency, and says what the
   * fault does to it. A shutdown during the wait ends it as a failure: the broker
   * gives the command to the next consumer.
   */
  async deliver(path: string, headers: IncomingHttpHeaders): Promise<DeliveryFault> {
    this.stats.recordRequest(path);
    this.log.record(CONSUME_METHOD, path, headers);
    const spec = this.store.take(path);
    if (spec === undefined) return 'process';
    const { latencyMs, action } = planFault(spec, this.random);
    if (latencyMs > 0 && !(await this.elapsed(latencyMs))) return 'fail';
    return deliveryFaultOf(action);
  }

  /** Resolves once shutdown begins: how long a held delivery stays unacknowledged. */
  held(): Promise<void> {
    const signal = this.shutdown.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  private elapsed(ms: number): Promise<boolean> {
    const signal = this.shutdown.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** What a planned HTTP fault means for a delivery; a delivery has no body to garble. */
function deliveryFaultOf(action: FaultAction): DeliveryFault {
  switch (action.kind) {
    case 'reset':
      return 'fail';
    case 'hang':
      return 'hold';
    case 'status':
      return action.status >= 500 ? 'fail' : 'reject';
    default:
      return 'process';
  }
}
