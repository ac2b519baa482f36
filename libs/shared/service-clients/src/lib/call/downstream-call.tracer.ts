import type { DownstreamOptions, DownstreamService } from '../service-clients.options';
import type { DownstreamCallOutcome, DownstreamProtocol } from './downstream-call.observer';

/**
 * The span of one downstream call, from entering the service's bulkhead to the
 * answer or the failure, retries included, like the call's duration metric.
 *
 * @example
 * const span = spans.start(headers, 'GET');
 * span.answered(200);
 * span.end('success');
 */
export interface DownstreamCallSpan {
  /** What the service answered a try with: an HTTP status, a gRPC status code. The last try's wins. */
  answered(status: number): void;
  end(outcome: DownstreamCallOutcome): void;
}

/**
 * Starts the spans of one service over one protocol; bound when the caller is built.
 *
 * @example
 * const span = spans.start(headers, '/inventory.v1.InventoryService/GetStock');
 */
export interface DownstreamCallSpans {
  /**
   * Starts a call's span as a child of the current one (the request's server span)
   * and puts its own `traceparent` (and `tracestate`) in `headers`, so the service
   * continues the trace from this call. `operation`: the HTTP method, or the gRPC
   * method's full name (`/package.Service/Method`); an AMQP call names its queue.
   */
  start(headers: Record<string, string>, operation: string): DownstreamCallSpan;
}

/**
 * What the downstream callers start their spans with, when the app exports traces
 * (`TracingModule` of `@bff/observability`; `null` when tracing is off). Without it,
 * a call sends the request's own `traceparent` and costs nothing more.
 *
 * @example
 * const spans = tracer?.spansFor('inventory', 'grpc', options.inventory);
 */
export abstract class DownstreamCallTracer {
  /** `options`: where the service is (`baseUrl`, `grpcTarget`, `amqp.requestQueue`), for the spans' attributes. */
  abstract spansFor(service: DownstreamService, protocol: DownstreamProtocol, options: DownstreamOptions): DownstreamCallSpans;
}
