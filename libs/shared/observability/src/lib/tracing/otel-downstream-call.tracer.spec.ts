import type { DownstreamOptions } from '@bff/service-clients';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { InMemoryTracing } from './in-memory-tracing.fixture';
import { OtelDownstreamCallTracer } from './otel-downstream-call.tracer';

const OPTIONS = {
  baseUrl: 'http://127.0.0.1:4001',
  grpcTarget: '[::1]:5003',
  amqp: { url: 'amqp://guest:secret@broker.internal:5672', requestQueue: 'bff.shipping.v1.estimate' },
} as DownstreamOptions;

describe('OtelDownstreamCallTracer', () => {
  let tracing: InMemoryTracing;
  let tracer: OtelDownstreamCallTracer;

  beforeAll(() => {
    tracing = InMemoryTracing.install();
    tracer = new OtelDownstreamCallTracer(tracing.tracer);
  });

  afterEach(() => tracing.reset());

  afterAll(() => tracing.uninstall());

  /** Runs `fn` under a server span, as a call made for a request does; returns that span's ids. */
  function inRequest(fn: () => void): { traceId: string; spanId: string } {
    const server = tracing.tracer.startSpan('GET /product-details/:productId', { kind: SpanKind.SERVER });
    context.with(trace.setSpan(context.active(), server), fn);
    server.end();
    return server.spanContext();
  }

  it('starts each call as a child of the request span and sends its own ids as traceparent', async () => {
    const headers: Record<string, string> = { traceparent: '00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-01' };
    const server = inRequest(() => tracer.spansFor('product', 'http', OPTIONS).start(headers, 'GET').end('success'));

    const call = (await tracing.finished()).find((span) => span.kind === SpanKind.CLIENT);
    expect(call?.parentSpanContext?.spanId).toBe(server.spanId);
    expect(call?.spanContext().traceId).toBe(server.traceId);
    expect(headers['traceparent']).toBe(`00-${server.traceId}-${call?.spanContext().spanId}-01`);
  });

  it('describes an HTTP call by the HTTP conventions', async () => {
    const span = tracer.spansFor('product', 'http', OPTIONS).start({}, 'GET');
    span.answered(200);
    span.end('success');

    const [call] = await tracing.finished();
    expect(call.name).toBe('GET');
    expect(call.attributes).toEqual({
      'peer.service': 'product',
      'server.address': '127.0.0.1',
      'server.port': 4001,
      'http.request.method': 'GET',
      'http.response.status_code': 200,
    });
    expect(call.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('describes a gRPC call by the RPC conventions', async () => {
    const span = tracer.spansFor('inventory', 'grpc', OPTIONS).start({}, '/inventory.v1.InventoryService/GetStock');
    span.answered(0);
    span.end('success');

    const [call] = await tracing.finished();
    expect(call.name).toBe('inventory.v1.InventoryService/GetStock');
    expect(call.attributes).toEqual({
      'peer.service': 'inventory',
      'rpc.system': 'grpc',
      'rpc.service': 'inventory.v1.InventoryService',
      'rpc.method': 'GetStock',
      'rpc.grpc.status_code': 0,
      'server.address': '::1',
      'server.port': 5003,
    });
  });

  it('describes an AMQP request by the messaging conventions, without the broker credentials', async () => {
    tracer.spansFor('shipping', 'amqp', OPTIONS).start({}, 'bff.shipping.v1.estimate').end('success');

    const [call] = await tracing.finished();
    expect(call.name).toBe('publish bff.shipping.v1.estimate');
    expect(call.attributes).toEqual({
      'peer.service': 'shipping',
      'messaging.system': 'rabbitmq',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'publish',
      'messaging.destination.name': 'bff.shipping.v1.estimate',
      'messaging.rabbitmq.destination.routing_key': 'bff.shipping.v1.estimate',
      'server.address': 'broker.internal',
    });
    expect(JSON.stringify(call.attributes)).not.toContain('secret');
  });

  it('marks a failed call as an error named by its failure', async () => {
    const span = tracer.spansFor('review', 'http', OPTIONS).start({}, 'GET');
    span.answered(503);
    span.end('unavailable');

    const [call] = await tracing.finished();
    expect(call.status.code).toBe(SpanStatusCode.ERROR);
    expect(call.attributes['error.type']).toBe('unavailable');
    expect(call.attributes['http.response.status_code']).toBe(503);
  });
});
