import {
  DownstreamCallTracer,
  type DownstreamCallOutcome,
  type DownstreamCallSpan,
  type DownstreamCallSpans,
  type DownstreamOptions,
  type DownstreamProtocol,
  type DownstreamService,
} from '@bff/service-clients';
import { SpanKind, SpanStatusCode, context, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { traceparentOf, tracestateOf } from './traceparent';

/**
 * A client span per downstream call, with OpenTelemetry, each a child of the
 * request's server span, and its ids sent as the call's `traceparent`, so the
 * service's own spans hang below the call that reached it. Attributes follow the
 * semantic conventions of each protocol, fixed per service when the caller is built:
 *
 * - HTTP: named by the method (`GET`); `http.request.method`, `server.address`,
 *   `server.port`, and the answer's `http.response.status_code`;
 * - gRPC: named `inventory.v1.InventoryService/GetStock`; `rpc.system` `grpc`,
 *   `rpc.service`, `rpc.method`, `server.address`, `server.port`, and the answer's
 *   `rpc.grpc.status_code`;
 * - AMQP request/reply: named `publish <queue>`; `messaging.system` `rabbitmq`,
 *   `messaging.destination.name` and `messaging.rabbitmq.destination.routing_key`
 *   (the request queue, through the default exchange), `messaging.operation.type`
 *   `send`, `messaging.operation.name` `publish`, `server.address`; the span lasts
 *   until the reply, as the call does.
 *
 * Each carries `peer.service` (the `DOWNSTREAM_SERVICES` name). A call that fails is
 * an error span whose `error.type` is the failure the call was classified as
 * (`timeout`, `circuit-open`, `not-found`, …, the metrics' `outcome`). No URL path,
 * body or header value is recorded.
 *
 * @example
 * { provide: DownstreamCallTracer, useValue: new OtelDownstreamCallTracer(trace.getTracer('@bff/service-clients')) }
 */
export class OtelDownstreamCallTracer extends DownstreamCallTracer {
  constructor(private readonly tracer: Tracer) {
    super();
  }

  spansFor(service: DownstreamService, protocol: DownstreamProtocol, options: DownstreamOptions): DownstreamCallSpans {
    switch (protocol) {
      case 'http':
        return new HttpCallSpans(this.tracer, service, options.baseUrl);
      case 'grpc':
        return new GrpcCallSpans(this.tracer, service, options.grpcTarget);
      case 'amqp':
        return new AmqpCallSpans(this.tracer, service, options.amqp?.url);
    }
  }
}

/** Starts a client span under the current context and sends its ids with the call. */
function startClientSpan(tracer: Tracer, name: string, attributes: Attributes, headers: Record<string, string>): Span {
  const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, context.active());
  const spanContext = span.spanContext();
  headers['traceparent'] = traceparentOf(spanContext);
  const tracestate = tracestateOf(spanContext);
  if (tracestate !== undefined) headers['tracestate'] = tracestate;
  return span;
}

/**
 * The attributes of each operation, made on its first call and kept: operations come
 * from the code (methods, gRPC methods, queues), so the map stays small.
 */
class OperationAttributes {
  private readonly byOperation = new Map<string, Attributes>();

  constructor(private readonly make: (operation: string) => Attributes) {}

  of(operation: string): Attributes {
    let attributes = this.byOperation.get(operation);
    if (attributes === undefined) {
      attributes = this.make(operation);
      this.byOperation.set(operation, attributes);
    }
    return attributes;
  }
}

class CallSpan implements DownstreamCallSpan {
  constructor(
    private readonly span: Span,
    /** Where the answer's status goes; a reply over AMQP has none. */
    private readonly statusAttribute: string | undefined,
  ) {}

  answered(status: number): void {
    if (this.statusAttribute !== undefined) this.span.setAttribute(this.statusAttribute, status);
  }

  end(outcome: DownstreamCallOutcome): void {
    if (outcome !== 'success') {
      this.span.setAttribute('error.type', outcome);
      this.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.span.end();
  }
}

class HttpCallSpans implements DownstreamCallSpans {
  private readonly attributes: OperationAttributes;

  constructor(
    private readonly tracer: Tracer,
    service: DownstreamService,
    baseUrl: string,
  ) {
    const url = new URL(baseUrl);
    const base: Attributes = {
      'peer.service': service,
      'server.address': hostOf(url.hostname),
      'server.port': url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
    };
    this.attributes = new OperationAttributes((method) => ({ ...base, 'http.request.method': method }));
  }

  /** `operation`: the HTTP method. */
  start(headers: Record<string, string>, operation: string): DownstreamCallSpan {
    const span = startClientSpan(this.tracer, operation, this.attributes.of(operation), headers);
    return new CallSpan(span, 'http.response.status_code');
  }
}

class GrpcCallSpans implements DownstreamCallSpans {
  private readonly attributes: OperationAttributes;

  constructor(
    private readonly tracer: Tracer,
    service: DownstreamService,
    target: string | undefined,
  ) {
    const server = target === undefined ? undefined : URL.parse(`grpc://${target}`);
    const base: Attributes = {
      'peer.service': service,
      'rpc.system': 'grpc',
      ...(server && { 'server.address': hostOf(server.hostname), 'server.port': Number(server.port) }),
    };
    this.attributes = new OperationAttributes((operation) => {
      const slash = operation.lastIndexOf('/');
      return { ...base, 'rpc.service': operation.slice(1, slash), 'rpc.method': operation.slice(slash + 1) };
    });
  }

  /** `operation`: the method's full name, `/package.Service/Method`; the span is named without the first slash. */
  start(headers: Record<string, string>, operation: string): DownstreamCallSpan {
    const span = startClientSpan(this.tracer, operation.slice(1), this.attributes.of(operation), headers);
    return new CallSpan(span, 'rpc.grpc.status_code');
  }
}

class AmqpCallSpans implements DownstreamCallSpans {
  private readonly attributes: OperationAttributes;

  constructor(
    private readonly tracer: Tracer,
    service: DownstreamService,
    brokerUrl: string | undefined,
  ) {
    // Only the host: the URL holds the broker's user and password.
    const broker = brokerUrl === undefined ? undefined : URL.parse(brokerUrl);
    const base: Attributes = {
      'peer.service': service,
      'messaging.system': 'rabbitmq',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'publish',
      ...(broker && { 'server.address': hostOf(broker.hostname) }),
    };
    this.attributes = new OperationAttributes((queue) => ({
      ...base,
      'messaging.destination.name': queue,
      'messaging.rabbitmq.destination.routing_key': queue,
    }));
  }

  /** `operation`: the request queue. */
  start(headers: Record<string, string>, operation: string): DownstreamCallSpan {
    return new CallSpan(startClientSpan(this.tracer, `publish ${operation}`, this.attributes.of(operation), headers), undefined);
  }
}

/** `[::1]` as `::1`: the conventions want the address, not the URL's spelling of it. */
function hostOf(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}
