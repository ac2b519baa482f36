import type { RequestSpan } from '@bff/platform';
import { RequestTracer } from '@bff/platform';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import { traceparentOf, tracestateOf } from './traceparent';

/** The methods a span names as they are; anything else is `_OTHER`, as the conventions ask. */
const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE']);

/**
 * The server span of each routed request, with OpenTelemetry: a child of the
 * caller's span when the request carries a valid `traceparent` (the W3C propagator
 * validates it; an invalid one starts a new trace), otherwise the root of a new
 * trace. It begins when the request arrived, not when the context is entered.
 *
 * Attributes of the HTTP semantic conventions: `http.request.method`, `url.scheme`,
 * `network.protocol.version`, and at the end `http.route` (the template, which also
 * names the span: `GET /product-details/:productId`) and `http.response.status_code`;
 * a 5xx marks the span as an error (`error.type` the status). The path and query are
 * left out, as from the access line: they carry user ids and other input.
 *
 * @example
 * { provide: RequestTracer, useValue: new OtelRequestTracer(trace.getTracer('@bff/platform')) }
 */
export class OtelRequestTracer extends RequestTracer {
  constructor(private readonly tracer: Tracer) {
    super();
  }

  start(request: FastifyRequest, elapsedMs: number): RequestSpan {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const method = KNOWN_METHODS.has(request.method) ? request.method : '_OTHER';
    const attributes: Attributes = {
      'http.request.method': method,
      'url.scheme': request.protocol,
      'network.protocol.version': request.raw.httpVersionMajor === 2 ? '2' : request.raw.httpVersion,
    };
    const span = this.tracer.startSpan(
      method === '_OTHER' ? 'HTTP' : method,
      { kind: SpanKind.SERVER, attributes, startTime: performance.timeOrigin + performance.now() - elapsedMs },
      parent,
    );
    return new OtelRequestSpan(span, trace.setSpan(parent, span), method);
  }
}

class OtelRequestSpan implements RequestSpan {
  readonly traceparent: string;
  readonly tracestate: string | undefined;

  constructor(
    private readonly span: Span,
    private readonly context: Context,
    private readonly method: string,
  ) {
    const spanContext = span.spanContext();
    this.traceparent = traceparentOf(spanContext);
    this.tracestate = tracestateOf(spanContext);
  }

  enter(next: () => void): void {
    context.with(this.context, next);
  }

  end(route: string | undefined, status: number): void {
    const { span } = this;
    if (route !== undefined) {
      span.setAttribute('http.route', route);
      if (this.method !== '_OTHER') span.updateName(`${this.method} ${route}`);
    }
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) {
      span.setAttribute('error.type', String(status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }
}
