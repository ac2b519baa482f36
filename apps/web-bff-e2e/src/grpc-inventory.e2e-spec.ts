import { AppProcess, DemoFaults, DemoStack, eventually, request } from '@bff/testing';
import type { WebProductDetails } from '@bff/web-contracts';

/** gRPC status codes, by name, as the fault knob `grpcStatus` takes them. */
const GRPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
} as const;
const GET_STOCK = '/inventory.v1.InventoryService/GetStock';
const BUDGET_MS = 1_500;
/** A loaded machine's scheduling on top of the budget. */
const SLACK_MS = 700;

/**
 * The web BFF composing the product page across protocols: product and reviews over
 * HTTP, stock over gRPC from the real inventory service, every gRPC status the
 * service can send mapped to the part's marker, and the health protocol in `/ready`.
 */
describe('web-bff: stock over gRPC from the real inventory service', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let inventory: DemoFaults;

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      PRODUCT_DETAILS_BUDGET_MS: String(BUDGET_MS),
      // Every request must reach the service: a cached page would hide the fault.
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      // The breaker and the retry budget have tests of their own; here neither may carry over between rows.
      INVENTORY_SERVICE_BREAKER_MIN_REQUESTS: '1000',
      INVENTORY_SERVICE_RETRY_BUDGET_MIN_RETRIES: '1000',
    });
    inventory = new DemoFaults(stack.services.inventory.url);
  });

  afterEach(async () => {
    await inventory?.reset().catch(() => undefined);
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  const page = (id = '3', headers: Record<string, string> = {}) =>
    request<WebProductDetails>(`${bff.url}/product-details/${id}`, { headers });

  it('composes the stock from GetStock, and no HTTP call to the inventory service is made', async () => {
    const direct = await request<{ totalQuantity: number }>(`${stack.services.inventory.url}/inventory/3`);
    await inventory.reset();

    const { status, headers, body } = await page('3', { 'accept-language': 'it-CH, it;q=0.9' });

    expect(status).toBe(200);
    expect(headers.get('x-bff-degraded')).toBeNull();
    if (body.inventory.status !== 'ok') throw new Error('stock expected');
    expect(body.inventory.totalQuantity).toBe(direct.body.totalQuantity);
    const received = await inventory.requests();
    expect(received.map(({ method, path }) => `${method} ${path}`)).toEqual([`POST ${GET_STOCK}`]);
  });

  it('sends the request id, trace context and language as metadata, and no client header', async () => {
    const { headers } = await page('3', {
      'x-request-id': 'grpc-e2e-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      'accept-language': 'de-CH, de;q=0.9',
      'x-user-id': 'admin',
      cookie: 'a=1',
    });

    const [call] = await inventory.requests();
    expect(headers.get('x-request-id')).toBe('grpc-e2e-1');
    expect(call?.headers).toMatchObject({
      'x-request-id': 'grpc-e2e-1',
      traceparent: expect.stringMatching(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/),
      // The language negotiated from the client's header (this BFF answers in English only), never the header itself.
      'accept-language': 'en',
    });
    expect(call?.headers).not.toHaveProperty('x-user-id');
    expect(call?.headers).not.toHaveProperty('cookie');
  });

  describe('each gRPC status the service may answer, as the page shows it', () => {
    it.each([
      ['NOT_FOUND', GRPC.NOT_FOUND, 'not-found', 1],
      ['DEADLINE_EXCEEDED', GRPC.DEADLINE_EXCEEDED, 'timeout', 1],
      ['UNAVAILABLE (retried twice)', GRPC.UNAVAILABLE, 'unavailable', 3],
      ['RESOURCE_EXHAUSTED', GRPC.RESOURCE_EXHAUSTED, 'unavailable', 1],
      ['INVALID_ARGUMENT', GRPC.INVALID_ARGUMENT, 'error', 1],
      ['OUT_OF_RANGE', GRPC.OUT_OF_RANGE, 'error', 1],
      ['PERMISSION_DENIED', GRPC.PERMISSION_DENIED, 'error', 1],
      ['UNIMPLEMENTED', GRPC.UNIMPLEMENTED, 'error', 1],
      ['INTERNAL', GRPC.INTERNAL, 'error', 1],
    ])('%s (code %i) → 200, the stock marked %s, x-bff-degraded: inventory', async (_name, grpcStatus, reason, calls) => {
      await inventory.set({ grpcStatus, path: GET_STOCK });

      const { status, headers, body } = await page();

      expect(status).toBe(200);
      expect(body.inventory).toEqual({ status: 'unavailable', reason });
      expect(headers.get('x-bff-degraded')).toBe('inventory');
      expect(body.product).toBeDefined();
      expect((await inventory.stats()).byPath[GET_STOCK]).toBe(calls);
    });

    it('maps an HTTP-style status knob too (503 → UNAVAILABLE, retried)', async () => {
      await inventory.set({ status: 503 });

      const { body } = await page();

      expect(body.inventory).toEqual({ status: 'unavailable', reason: 'unavailable' });
      expect((await inventory.stats()).byPath[GET_STOCK]).toBe(3);
    });

    it('passes no gRPC detail string on to the client', async () => {
      await inventory.set({ grpcStatus: GRPC.INTERNAL });

      const { text, body } = await page();

      expect(body.inventory).toEqual({ status: 'unavailable', reason: 'error' });
      expect(text).not.toMatch(/GetStock|inventory\.v1|INTERNAL|fault/);
    });
  });

  describe('time', () => {
    it('ends a hanging call at the route budget, and the service sees the call cancelled', async () => {
      await inventory.set({ hang: true });
      const started = performance.now();

      const { status, body } = await page();

      expect(status).toBe(200);
      expect(body.inventory).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(performance.now() - started).toBeLessThan(BUDGET_MS + SLACK_MS);
      const stats = await inventory.statsWhen((s) => s.requests > 0 && s.aborted === s.requests);
      expect(stats.aborted).toBe(stats.requests);
    });

    it('waits out latency within the budget', async () => {
      await inventory.set({ latencyMs: 200 });

      const { body } = await page();

      expect(body.inventory.status).toBe('ok');
    });

    it('rejects stock of another product than the one asked for', async () => {
      await inventory.set({ invalidBody: true });

      const { body } = await page();

      expect(body.inventory).toEqual({ status: 'unavailable', reason: 'error' });
    });
  });

  describe('readiness, over the gRPC health protocol', () => {
    const ready = () => request<{ status: string; dependencies: Record<string, string> }>(`${bff.url}/ready`);

    it('reports the inventory service up while it serves', async () => {
      const answer = await eventually(async () => {
        const current = await ready();
        return current.body.dependencies.inventory === 'up' ? current : undefined;
      });

      expect(answer).toMatchObject({ status: 200, body: { status: 'ready', dependencies: { inventory: 'up' } } });
    });

    it('reports it down once it stops, and stays ready: the pages do without stock', async () => {
      await stack.services.inventory.stop();

      const answer = await eventually(async () => {
        const current = await ready();
        return current.body.dependencies.inventory === 'down' ? current : undefined;
      }, 12_000);

      expect(answer).toMatchObject({ status: 200, body: { status: 'ready', dependencies: { inventory: 'down' } } });
      const { status, body } = await page();
      expect(status).toBe(200);
      expect(body.inventory).toEqual({ status: 'unavailable', reason: 'unavailable' });
    }, 20_000);
  });
});
