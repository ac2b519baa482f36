import type { FastifyRequest } from 'fastify';

/**
 * The server span of one request, once started.
 *
 * @example
 * const span = tracer.start(request, reply.elapsedTime);
 * span.enter(done); // the rest of the pipeline runs with the span current
 * span.end('/product-details/:productId', 200);
 */
export interface RequestSpan {
  /** W3C `traceparent` naming this span: what the request context carries and logs. */
  readonly traceparent: string;
  readonly tracestate: string | undefined;
  /** Runs the rest of the pipeline (`next`) with this span current, so what it starts is its child. */
  enter(next: () => void): void;
  /** Ends the span with the route template (`undefined` when unrouted) and the status sent. */
  end(route: string | undefined, status: number): void;
}

/**
 * Starts a server span per routed request, continuing the caller's `traceparent`.
 * Provided by the app when it exports traces (`TracingModule` of
 * `@bff/observability`, or `null` when tracing is off); without one, the request
 * context makes up the gateway's span id itself and nothing is recorded.
 *
 * @example
 * { provide: RequestTracer, useFactory: () => (tracingStarted() ? new OtelRequestTracer(trace.getTracer('bff')) : null) }
 */
export abstract class RequestTracer {
  /** `elapsedMs`: how long ago the request arrived (Fastify's `reply.elapsedTime`), where the span begins. */
  abstract start(request: FastifyRequest, elapsedMs: number): RequestSpan;
}
