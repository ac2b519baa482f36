import type {
  DownstreamCallOutcome,
  DownstreamCallRecorder,
  DownstreamProtocol,
  DownstreamService,
} from '@bff/service-clients';
import { DownstreamCallObserver } from '@bff/service-clients';
import { Histogram, type Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './metric-buckets';

type Label = 'service' | 'protocol' | 'outcome';
type Child = ReturnType<Histogram<Label>['labels']>;

/**
 * `bff_downstream_call_duration_seconds{service, protocol, outcome}`: every downstream
 * call, HTTP, gRPC or AMQP, from entering the service's bulkhead to its answer or its
 * failure (retries and backoff included). `outcome` is `success` or the failure the
 * call was classified as (`timeout`, `unavailable`, `circuit-open`, `bulkhead-full`,
 * `cancelled`, `not-found`, `bad-response`, …), so its `_count` also counts calls by
 * outcome. Services, protocols and outcomes are closed sets: the series are bounded.
 *
 * @example
 * const metrics = new DownstreamCallMetrics(registry);
 * const recorder = metrics.recorderFor('inventory', 'grpc'); // once, when the caller is built
 * recorder.record('success', 0.012); // per call
 */
export class DownstreamCallMetrics extends DownstreamCallObserver {
  private readonly duration: Histogram<Label>;

  constructor(registry: Registry) {
    super();
    this.duration = new Histogram({
      name: 'bff_downstream_call_duration_seconds',
      help: 'Downstream calls by service, protocol and outcome, from the bulkhead to the answer, retries included.',
      labelNames: ['service', 'protocol', 'outcome'],
      buckets: [...LATENCY_BUCKETS],
      registers: [registry],
    });
  }

  recorderFor(service: DownstreamService, protocol: DownstreamProtocol): DownstreamCallRecorder {
    return new BoundCallRecorder(this.duration, service, protocol);
  }
}

/** One service and protocol's series, each outcome's child made on its first call and kept. */
class BoundCallRecorder implements DownstreamCallRecorder {
  private readonly children = new Map<DownstreamCallOutcome, Child>();

  constructor(
    private readonly duration: Histogram<Label>,
    private readonly service: DownstreamService,
    private readonly protocol: DownstreamProtocol,
  ) {}

  record(outcome: DownstreamCallOutcome, seconds: number): void {
    let child = this.children.get(outcome);
    if (child === undefined) {
      child = this.duration.labels(this.service, this.protocol, outcome);
      this.children.set(outcome, child);
    }
    child.observe(seconds);
  }
}
