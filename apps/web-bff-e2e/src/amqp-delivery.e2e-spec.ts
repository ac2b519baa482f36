import { AppProcess, DemoFaults, DemoStack, TcpProxy, eventually, request } from '@bff/testing';
import type { WebProductDetails } from '@bff/web-contracts';

/** The shipping service's request queue as its fault knobs name it: the queue without the stack's prefix. */
const ESTIMATE = '/shipping.v1.estimate';
const BUDGET_MS = 1_500;
/** A loaded machine's scheduling on top of the budget. */
const SLACK_MS = 700;
const BROKER_PORT = Number(new URL(process.env['AMQP_URL'] ?? 'amqp://127.0.0.1:5672').port || 5672);

/**
 * The web BFF composing the product page's fourth part, delivery options, over AMQP
 * request/reply from the real shipping service, through the machine's RabbitMQ (on
 * the stack's own queue prefix): every fault the service can show mapped to the
 * part's marker, the service gone, and the broker cut off by a proxy of the test's own.
 */
describe('web-bff: delivery estimates over AMQP from the real shipping service', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let shipping: DemoFaults;

  const env = () => ({
    ...stack.bffEnv(),
    PRODUCT_DETAILS_BUDGET_MS: String(BUDGET_MS),
    // Every request must reach the service: a cached page would hide the fault.
    RESPONSE_CACHE_ENABLED: 'false',
    RATE_LIMIT_DEFAULT: 'burst=1000/1s',
    // The breaker has tests of its own; here it must not carry over between rows.
    SHIPPING_SERVICE_BREAKER_MIN_REQUESTS: '1000',
  });

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', env());
    shipping = new DemoFaults(stack.services.shipping.url);
  });

  afterEach(async () => {
    await shipping?.reset().catch(() => undefined);
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  const page = (url = bff.url, headers: Record<string, string> = {}) =>
    request<WebProductDetails>(`${url}/product-details/3`, { headers });

  it('composes every delivery option, cheapest first, from one request on the estimate queue', async () => {
    const { status, headers, body } = await page();

    expect(status).toBe(200);
    expect(headers.get('x-bff-degraded')).toBeNull();
    if (body.delivery.status !== 'ok') throw new Error('delivery expected');
    expect(body.delivery.options.length).toBeGreaterThanOrEqual(2);
    const costs = body.delivery.options.map((option) => option.cost.amountMinor);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const option of body.delivery.options) {
      expect(option).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        estimatedDays: expect.any(Number),
        cost: { amountMinor: expect.any(Number), currency: 'EUR' },
      });
    }
    const received = await shipping.requests();
    expect(received.map(({ method, path }) => `${method} ${path}`)).toEqual([`PUBLISH ${ESTIMATE}`]);
  });

  it('sends the request id, trace context and language as message headers, and no client header', async () => {
    await page(bff.url, {
      'x-request-id': 'amqp-e2e-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'accept-language': 'de-CH, de;q=0.9',
      'x-user-id': 'admin',
      cookie: 'a=1',
    });

    const [call] = await shipping.requests();
    expect(call?.headers).toMatchObject({
      'x-request-id': 'amqp-e2e-1',
      traceparent: expect.stringMatching(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/),
      'accept-language': 'en',
    });
    expect(call?.headers).not.toHaveProperty('x-user-id');
    expect(call?.headers).not.toHaveProperty('cookie');
  });

  describe('each fault of the service, as the page shows it', () => {
    it.each([
      ['a 404 reply', 'not-found', { status: 404 }],
      ['a 503 reply', 'error', { status: 503 }],
      ['a reply outside the contract', 'error', { invalidBody: true }],
    ])('%s → 200, delivery marked %s, x-bff-degraded: delivery', async (_name, reason, fault) => {
      await shipping.set({ ...fault, path: ESTIMATE });

      const { status, headers, body } = await page();

      expect(status).toBe(200);
      expect(body.delivery).toEqual({ status: 'unavailable', reason });
      expect(headers.get('x-bff-degraded')).toBe('delivery');
      expect(body.product).toBeDefined();
      expect(body.inventory.status).toBe('ok');
      expect((await shipping.stats()).byPath[ESTIMATE]).toBe(1);
    });

    it('passes no text of the service on to the client', async () => {
      await shipping.set({ status: 500, path: ESTIMATE });

      const { text } = await page();

      expect(text).not.toMatch(/shipping\.v1|Internal Server Error|fault/i);
    });

    it('ends a request that gets no reply at the route budget, and the broker drops it once expired', async () => {
      await shipping.set({ hang: true, path: ESTIMATE });
      const started = performance.now();

      const { status, headers, body } = await page();

      expect(status).toBe(200);
      expect(body.delivery).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(headers.get('x-bff-degraded')).toBe('delivery');
      expect(performance.now() - started).toBeLessThan(BUDGET_MS + SLACK_MS);
      // The request expired with the budget: the service stops waiting on it instead of answering nobody.
      const stats = await shipping.statsWhen((s) => s.requests > 0 && s.aborted === s.requests, 3_000);
      expect(stats.aborted).toBe(1);
    });

    it('waits out latency within the budget', async () => {
      await shipping.set({ latencyMs: 200, path: ESTIMATE });

      const { body } = await page();

      expect(body.delivery.status).toBe('ok');
    });
  });

  describe('the broker cut off (a TCP proxy of the test, between a second BFF and RabbitMQ)', () => {
    let proxy: TcpProxy;
    let cutOff: AppProcess;

    beforeAll(async () => {
      proxy = await TcpProxy.start(BROKER_PORT);
      const url = new URL(process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672');
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      cutOff = await AppProcess.start('web-bff', { ...env(), AMQP_URL: url.toString() });
    });

    afterAll(async () => {
      await cutOff?.stop();
      await proxy?.stop();
    });

    const ready = () =>
      request<{ status: string; dependencies: Record<string, string> }>(`${cutOff.url}/ready`);

    it('reports the broker up, and composes delivery through it', async () => {
      await eventually(async () => ((await ready()).body.dependencies['amqp'] === 'up' ? true : undefined));

      const { body } = await eventually(async () => {
        const current = await page(cutOff.url);
        return current.body.delivery.status === 'ok' ? current : undefined;
      });
      expect(body.delivery.status).toBe('ok');
    });

    it('marks delivery unavailable at once while the broker is out, stays ready, and recovers when it is back', async () => {
      proxy.cut();
      const started = performance.now();

      const { status, headers, body } = await page(cutOff.url);

      expect(status).toBe(200);
      expect(body.delivery).toEqual({ status: 'unavailable', reason: 'unavailable' });
      expect(headers.get('x-bff-degraded')).toBe('delivery');
      expect(performance.now() - started).toBeLessThan(BUDGET_MS);
      const down = await eventually(async () => {
        const current = await ready();
        return current.body.dependencies['amqp'] === 'down' ? current : undefined;
      });
      expect(down).toMatchObject({ status: 200, body: { status: 'ready' } });

      proxy.restore();
      await eventually(
        async () => ((await ready()).body.dependencies['amqp'] === 'up' ? true : undefined),
        10_000,
      );
      const back = await eventually(async () => {
        const current = await page(cutOff.url);
        return current.body.delivery.status === 'ok' ? current : undefined;
      });
      expect(back.headers.get('x-bff-degraded')).toBeNull();
    }, 25_000);
  });

  it('marks delivery unavailable at once when the shipping service is gone: the broker hands the request back', async () => {
    await stack.services.shipping.stop();
    const started = performance.now();

    const { status, headers, body } = await page();

    expect(status).toBe(200);
    expect(body.delivery).toEqual({ status: 'unavailable', reason: 'unavailable' });
    expect(headers.get('x-bff-degraded')).toBe('delivery');
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });
});
