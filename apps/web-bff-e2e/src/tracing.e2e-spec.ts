import { AppProcess, DemoFaults, DemoStack, OtlpReceiver, RedisServer, eventually, request, type ReceivedSpan } from '@bff/testing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';
const SERVER = 2;
const CLIENT = 3;

/**
 * The web BFF exporting OpenTelemetry traces over OTLP/HTTP (JSON) to a receiver of
 * the test's own: one product page is one trace holding the gateway's server span,
 * continuing the caller's `traceparent`, and a client span for each part of the
 * composition (product and reviews over HTTP, stock over gRPC, delivery over AMQP)
 * and for its Redis commands; and, with tracing off, no exporter at all.
 */
describe('web-bff: OpenTelemetry traces', () => {
  let stack: DemoStack;
  let redis: RedisServer;
  let receiver: OtlpReceiver;
  let bff: AppProcess;

  const common = () => ({
    ...stack.bffEnv(),
    REDIS_URL: redis.url,
    // Every page computes its parts: a cached one would make no downstream call.
    RESPONSE_CACHE_ENABLED: 'false',
    RATE_LIMIT_DEFAULT: 'burst=1000/1s',
    LOG_FORMAT: 'json',
  });

  beforeAll(async () => {
    [stack, redis, receiver] = await Promise.all([DemoStack.start(), RedisServer.start(), OtlpReceiver.start()]);
    bff = await AppProcess.start('web-bff', {
      ...common(),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'web-bff-e2e',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
  });

  afterAll(async () => {
    await bff?.stop();
    await Promise.all([stack?.stop(), redis?.stop(), receiver?.stop()]);
  });

  describe('a product page, traced', () => {
    let spans: ReceivedSpan[];
    let server: ReceivedSpan;

    beforeAll(async () => {
      const { status } = await request(`${bff.url}/product-details/3`, {
        headers: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`, 'x-request-id': 'tracing-e2e-1' },
      });
      expect(status).toBe(200);
      // The server span ends last, once the response is sent: with it there, the trace is whole.
      server = await eventually(async () => receiver.trace(TRACE_ID).find((span) => span.kind === SERVER));
      spans = receiver.trace(TRACE_ID);
    });

    const clientSpan = (attribute: string, value: string | number) =>
      spans.find((span) => span.kind === CLIENT && span.attributes[attribute] === value);

    it('has one server span continuing the caller’s traceparent, with the route and status', () => {
      expect(spans.filter((span) => span.kind === SERVER)).toHaveLength(1);
      expect(server).toMatchObject({
        parentSpanId: CALLER_SPAN,
        name: 'GET /product-details/:productId',
        service: 'web-bff-e2e',
        attributes: {
          'http.request.method': 'GET',
          'http.route': '/product-details/:productId',
          'http.response.status_code': 200,
          'url.scheme': 'http',
        },
      });
    });

    it('logs the server span’s trace id on the access line', async () => {
      const line = await eventually(async () =>
        bff.logs.split('\n').find((entry) => entry.includes('"requestId":"tracing-e2e-1"') && entry.includes('"context":"http"')),
      );
      expect(JSON.parse(line)).toMatchObject({ traceId: TRACE_ID });
    });

    it('holds a client span per part of the composition, each a child of the server span', () => {
      const product = clientSpan('peer.service', 'product');
      const review = clientSpan('peer.service', 'review');
      const inventory = clientSpan('peer.service', 'inventory');
      const shipping = clientSpan('peer.service', 'shipping');

      expect(product).toMatchObject({
        name: 'GET',
        parentSpanId: server.spanId,
        attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'server.address': '127.0.0.1' },
      });
      expect(review).toMatchObject({ name: 'GET', parentSpanId: server.spanId, attributes: { 'http.response.status_code': 200 } });
      expect(inventory).toMatchObject({
        name: 'inventory.v1.InventoryService/GetStock',
        parentSpanId: server.spanId,
        attributes: {
          'rpc.system': 'grpc',
          'rpc.service': 'inventory.v1.InventoryService',
          'rpc.method': 'GetStock',
          'rpc.grpc.status_code': 0,
        },
      });
      expect(shipping).toMatchObject({
        name: expect.stringMatching(/^publish .*shipping\.v1\.estimate$/),
        parentSpanId: server.spanId,
        attributes: {
          'messaging.system': 'rabbitmq',
          'messaging.operation.type': 'send',
          'messaging.destination.name': expect.stringMatching(/shipping\.v1\.estimate$/),
        },
      });
      for (const span of [product, review, inventory, shipping]) expect(span?.statusCode).toBe(0);
    });

    it('sends each service its call span as traceparent', async () => {
      for (const service of ['product', 'review', 'inventory', 'shipping'] as const) {
        const [received] = await new DemoFaults(stack.services[service].url).requests();
        const span = clientSpan('peer.service', service);
        expect([service, received?.headers['traceparent']]).toEqual([service, `00-${TRACE_ID}-${span?.spanId}-01`]);
      }
    });

    it('holds a span per Redis command, named by the command alone', () => {
      const commands = spans.filter((span) => span.attributes['db.system.name'] === 'redis');

      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        expect(command).toMatchObject({ kind: CLIENT, parentSpanId: server.spanId });
        expect(command.attributes['db.operation.name']).toEqual(expect.any(String));
        // Keys hold user ids and session ids: the statement is the command's name, nothing more.
        expect(String(command.attributes['db.query.text'] ?? command.attributes['db.operation.name'])).toMatch(/^[A-Za-z]+$/);
      }
    });
  });

  describe('with tracing off', () => {
    it.each([
      ['OTEL_SDK_DISABLED=true', { OTEL_SDK_DISABLED: 'true' }],
      ['OTEL_TRACES_EXPORTER=none', { OTEL_TRACES_EXPORTER: 'none' }],
    ])('%s: nothing reaches the receiver, and the downstream trace context is still sent', async (_name, off) => {
      const silent = await OtlpReceiver.start();
      const quiet = await AppProcess.start('web-bff', {
        ...common(),
        OTEL_EXPORTER_OTLP_ENDPOINT: silent.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '50',
        ...off,
      });
      try {
        const trace = 'b'.repeat(32);
        const { status } = await request(`${quiet.url}/product-details/3`, { headers: { traceparent: `00-${trace}-${CALLER_SPAN}-01` } });
        expect(status).toBe(200);
        const [sent] = await new DemoFaults(stack.services.product.url).requests().then((all) => all.slice(-1));
        expect(sent?.headers['traceparent']).toMatch(new RegExp(`^00-${trace}-[0-9a-f]{16}-01$`));
        await new Promise((resolve) => setTimeout(resolve, 300));
        await quiet.stop();
        expect(silent.requests).toBe(0);
      } finally {
        await quiet.stop();
        await silent.stop();
      }
    });

    it('with no OTEL_* variable at all: no exporter, not even to the default localhost:4318', async () => {
      // The SDK's default endpoint: bound here, it would see any export a loaded SDK made.
      const defaultReceiver = await OtlpReceiver.start(4318).catch(() => undefined);
      const plain = await AppProcess.start('web-bff', common());
      try {
        const { status } = await request(`${plain.url}/product-details/3`);
        expect(status).toBe(200);
        await plain.stop();
        expect(plain.logs).not.toMatch(/opentelemetry|OTLP/i);
        if (defaultReceiver) expect(defaultReceiver.requests).toBe(0);
      } finally {
        await plain.stop();
        await defaultReceiver?.stop();
      }
    });
  });
});
