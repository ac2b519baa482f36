import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyRequest } from 'fastify';
import { InMemoryTracing } from './in-memory-tracing.fixture';
import { OtelRequestTracer } from './otel-request.tracer';

const INCOMING = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function request(headers: Record<string, string> = {}, method = 'GET'): FastifyRequest {
  return { method, protocol: 'http', headers, raw: { httpVersion: '1.1', httpVersionMajor: 1 } } as unknown as FastifyRequest;
}

describe('OtelRequestTracer', () => {
  let tracing: InMemoryTracing;
  let tracer: OtelRequestTracer;

  beforeAll(() => {
    tracing = InMemoryTracing.install();
    tracer = new OtelRequestTracer(tracing.tracer);
  });

  afterEach(() => tracing.reset());

  afterAll(() => tracing.uninstall());

  it('continues an incoming traceparent: same trace, the caller span as parent, its own span id in the context', async () => {
    const span = tracer.start(request({ traceparent: INCOMING, tracestate: 'shop=1' }), 3);
    span.end('/product-details/:productId', 200);

    const [finished] = await tracing.finished();
    expect(finished.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(finished.parentSpanContext?.spanId).toBe('00f067aa0ba902b7');
    expect(span.traceparent).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${finished.spanContext().spanId}-01`);
    expect(span.tracestate).toBe('shop=1');
  });

  it('starts a new trace when the incoming traceparent is missing or malformed', async () => {
    tracer.start(request({ traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' }), 0).end(undefined, 404);

    const [finished] = await tracing.finished();
    expect(finished.parentSpanContext).toBeUndefined();
    expect(finished.spanContext().traceId).not.toBe('00000000000000000000000000000000');
  });

  it('is a server span named by method and route template, with the conventional attributes', async () => {
    tracer.start(request({}), 0).end('/users/:userId', 200);

    const [finished] = await tracing.finished();
    expect(finished.kind).toBe(SpanKind.SERVER);
    expect(finished.name).toBe('GET /users/:userId');
    expect(finished.attributes).toEqual({
      'http.request.method': 'GET',
      'url.scheme': 'http',
      'network.protocol.version': '1.1',
      'http.route': '/users/:userId',
      'http.response.status_code': 200,
    });
    expect(finished.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('begins when the request arrived, not when the span is started', async () => {
    const before = Date.now();
    tracer.start(request(), 250).end('/users/:userId', 200);

    const [seconds, nanos] = (await tracing.finished())[0].startTime;
    expect(seconds * 1_000 + nanos / 1e6).toBeLessThanOrEqual(before - 240);
  });

  it('marks a 5xx as an error, and a 4xx not', async () => {
    tracer.start(request(), 0).end('/users/:userId', 404);
    tracer.start(request(), 0).end('/users/:userId', 503);

    const [notFound, unavailable] = await tracing.finished();
    expect(notFound.status.code).toBe(SpanStatusCode.UNSET);
    expect(unavailable.status.code).toBe(SpanStatusCode.ERROR);
    expect(unavailable.attributes['error.type']).toBe('503');
  });

  it('names an unknown method _OTHER', async () => {
    tracer.start(request({}, 'PROPFIND'), 0).end(undefined, 405);

    expect((await tracing.finished())[0].name).toBe('HTTP');
    expect((await tracing.finished())[0].attributes['http.request.method']).toBe('_OTHER');
  });

  it('runs the rest of the pipeline with the span current, through awaits', async () => {
    const span = tracer.start(request(), 0);
    let seen: string | undefined;
    await new Promise<void>((resolve) => {
      span.enter(() => {
        void Promise.resolve().then(() => {
          seen = trace.getActiveSpan()?.spanContext().spanId;
          resolve();
        });
      });
    });

    expect(seen).toBe(span.traceparent.slice(36, 52));
  });
});
