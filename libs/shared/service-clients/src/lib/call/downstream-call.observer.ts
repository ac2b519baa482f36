import type { Failure } from '../failure/failure.classifier';
import type { DownstreamService } from '../service-clients.options';

/**
 * The protocol a downstream call travelled over.
 *
 * @example
 * const protocol: DownstreamProtocol = 'grpc';
 */
export type DownstreamProtocol = 'http' | 'grpc' | 'amqp';

/**
 * How a downstream call ended: `success`, or the {@link Failure} its error was
 * classified as. A closed set, so a metric labelled by it stays bounded.
 *
 * @example
 * const outcome: DownstreamCallOutcome = 'circuit-open';
 */
export type DownstreamCallOutcome = 'success' | Failure;

/**
 * Receives every call of one service over one protocol, once it has ended. Bound at
 * start-up, so a call only names its outcome and duration.
 *
 * @example
 * recorder.record('timeout', 0.8);
 */
export interface DownstreamCallRecorder {
  /** `seconds`: from entering the bulkhead to the answer or the failure, retries and backoff included. */
  record(outcome: DownstreamCallOutcome, seconds: number): void;
}

/**
 * What the downstream callers report their calls to, when the app provides one (a
 * metrics module does); without it calls are not observed and cost nothing extra.
 * Each caller asks for its recorder once, when it is built.
 *
 * @example
 * { provide: DownstreamCallObserver, useFactory: (registry: Registry) => new DownstreamCallMetrics(registry), inject: [Registry] }
 */
export abstract class DownstreamCallObserver {
  abstract recorderFor(service: DownstreamService, protocol: DownstreamProtocol): DownstreamCallRecorder;
}
