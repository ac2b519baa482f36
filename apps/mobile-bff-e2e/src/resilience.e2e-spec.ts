import type { MobileProductDetails } from '@bff/mobile-contracts';
import {
  AppProcess,
  DemoFaults,
  DemoStack,
  type DemoStats,
  DownstreamProbe,
  TestAuth,
  rawRequest,
  request,
  type TimedResponse,
} from '@bff/testing';

const PROBLEM = /^application\/problem\+json/;
const BUDGET_MS = 1_200;
/**
 * What a loaded 2-core machine (two suites in parallel, a benchmark next door) may add to
 * a bound at the budget. Latency figures belong to `npm run bench`; these bounds only tell
 * "cut at the budget" from "not cut at all" (a hang, or tries that run their course).
 */
const SLACK_MS = 1_000;
/**
 * "At once": an answer that waited for neither a timeout nor the budget. Half the budget
 * tells the two apart with hundreds of ms to spare either way.
 */
const AT_ONCE_MS = BUDGET_MS / 2;

type Service = 'product' | 'review' | 'inventory' | 'user';


/** Each screen is asked for once: a 200 would be cached, and concurrent misses of one screen coalesce. */
let lastProduct = 200;
const freshProduct = () => String(++lastProduct);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mobile-bff resilience against faulty downstream services', () => {
  let stack: DemoStack;
  /** Tries of 500 ms, retries on, breaker and retry budget out of the way: each fault's own effect. */
  let bff: AppProcess;
  /** No retries; breakers open at more than half of at least 5 calls in 1 s, for 1 s. */
  let breakerBff: AppProcess;
  /** A real retry budget (20 %, no allowance), a 4 + 2 review bulkhead and a 1 KiB cap on review pages. */
  let limitsBff: AppProcess;
  let faults: Record<Service, DemoFaults>;
  const auth = new TestAuth();

  /** A token of its own for every call, so no answer comes from the per-user cache. */
  let lastCaller = 0;
  const asSupport = () =>
    auth.bearer({ sub: `support-${++lastCaller}`, audience: 'mobile-bff', scopes: ['users:read:any'] });

  const stats = (service: Service) => faults[service].stats();
  const calls = async (service: Service) => (await stats(service)).requests;
  const recorded = (service: Service) => faults[service].requests();

  const eventuallyStats = (service: Service, check: (s: DemoStats) => boolean) => faults[service].statsWhen(check);

  const screen = (base: AppProcess, id = freshProduct()) =>
    request<MobileProductDetails>(`${base.url}/product-details/${id}`);
  const user = async (base: AppProcess) => request(`${base.url}/users/1`, { headers: await asSupport() });

  beforeAll(async () => {
    stack = await DemoStack.start();
    const common = {
      ...stack.bffEnv(),
      ...auth.env(),
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
      PRODUCT_DETAILS_BUDGET_MS: String(BUDGET_MS),
    };
    [bff, breakerBff, limitsBff] = await Promise.all([
      AppProcess.start('mobile-bff', {
        ...common,
        // Reports every downstream try in the logs: a stopped service cannot count them.
        ...DownstreamProbe.env(),
        DOWNSTREAM_TIMEOUT_MS: '500',
        // The users route has no budget of its own: its one call gets 1 s in all.
        USER_SERVICE_CALL_TIMEOUT_MS: '1000',
        DOWNSTREAM_RETRY_BUDGET_MIN_RETRIES: '1000000',
        DOWNSTREAM_BREAKER_MIN_REQUESTS: '1000000',
      }),
      AppProcess.start('mobile-bff', {
        ...common,
        DOWNSTREAM_RETRIES: '0',
        DOWNSTREAM_BREAKER_MIN_REQUESTS: '5',
        DOWNSTREAM_BREAKER_FAILURE_RATIO: '0.5',
        DOWNSTREAM_BREAKER_COOLDOWN_MS: '1000',
        DOWNSTREAM_BREAKER_WINDOW_MS: '1000',
      }),
      AppProcess.start('mobile-bff', {
        ...common,
        DOWNSTREAM_RETRY_BUDGET_PERCENT: '20',
        DOWNSTREAM_RETRY_BUDGET_MIN_RETRIES: '0',
        DOWNSTREAM_BREAKER_MIN_REQUESTS: '1000000',
        REVIEW_SERVICE_MAX_CONCURRENCY: '4',
        REVIEW_SERVICE_MAX_QUEUE: '2',
        REVIEW_SERVICE_MAX_RESPONSE_BYTES: '1024',
      }),
    ]);
    faults = {
      product: new DemoFaults(stack.services.product.url),
      review: new DemoFaults(stack.services.review.url),
      inventory: new DemoFaults(stack.services.inventory.url),
      user: new DemoFaults(stack.services.user.url),
    };
  }, 60_000);

  beforeEach(async () => {
    await Promise.all(Object.values(faults ?? {}).map((service) => service.reset().catch(() => undefined)));
  });

  afterAll(async () => {
    await Promise.all([bff?.stop(), breakerBff?.stop(), limitsBff?.stop()]);
    await stack?.stop();
  });

  describe('a slow service (2 s)', () => {
    it('product: 504 within the route budget, every try aborted at the service', async () => {
      await faults.product.set({ latencyMs: 2_000 });

      const { status, headers, body, elapsedMs } = await screen(bff);

      expect(status).toBe(504);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT', service: 'product' });
      expect(elapsedMs).toBeGreaterThanOrEqual(BUDGET_MS - 20);
      expect(elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
      const product = await eventuallyStats('product', (s) => s.requests >= 2 && s.aborted === s.requests);
      expect(product.requests).toBeGreaterThanOrEqual(2);
      expect(product.requests).toBeLessThanOrEqual(3);
      expect(product.aborted).toBe(product.requests);
    });

    it('reviews: 200 within the route budget, the rating marked timed out', async () => {
      await faults.review.set({ latencyMs: 2_000 });

      const { status, headers, body, elapsedMs } = await screen(bff);

      expect(status).toBe(200);
      expect(body.rating).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(body.stock.status).toBe('ok');
      expect(headers.get('x-bff-degraded')).toBe('rating');
      expect(elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
    });
  });

  describe('a service answering 500', () => {
    it('product: retried twice, then 502 problem+json', async () => {
      await faults.product.set({ status: 500 });

      const { status, headers, body, elapsedMs } = await screen(bff);

      expect(status).toBe(502);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 502, code: 'UPSTREAM_BAD_RESPONSE', service: 'product' });
      expect(elapsedMs).toBeLessThan(AT_ONCE_MS);
      expect(await calls('product')).toBe(3);
    });

    it('inventory (gRPC INTERNAL): 200 with the stock marked as an error, not retried', async () => {
      await faults.inventory.set({ status: 500 });

      const { status, headers, body } = await screen(bff);

      expect(status).toBe(200);
      expect(body.stock).toEqual({ status: 'unavailable', reason: 'error' });
      expect(headers.get('x-bff-degraded')).toBe('stock');
      // Over gRPC only UNAVAILABLE is retried: INTERNAL may have run the call's logic.
      expect(await calls('inventory')).toBe(1);
    });

    it('inventory (gRPC UNAVAILABLE): retried twice, then 200 with the stock marked unavailable', async () => {
      await faults.inventory.set({ status: 503 });

      const { status, body } = await screen(bff);

      expect(status).toBe(200);
      expect(body.stock).toEqual({ status: 'unavailable', reason: 'unavailable' });
      expect(await calls('inventory')).toBe(3);
    });
  });

  describe('the failure table, rows of its own', () => {
    it('a review POST: a command on the broker, so a failing review HTTP API does not touch it', async () => {
      await faults.review.set({ status: 500, path: '/reviews' });

      const { status, body } = await request(`${bff.url}/products/${freshProduct()}/reviews`, {
        method: 'POST',
        headers: {
          ...(await auth.bearer({ sub: '1', audience: 'mobile-bff', scopes: ['reviews:write'] })),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ rating: 4, title: 'Solid', body: 'Does the job.' }),
      });

      expect(status).toBe(202);
      expect(body).toMatchObject({ kind: 'review.submit', status: 'pending' });
      expect((await recorded('review')).filter((r) => r.method === 'POST')).toHaveLength(0);
    });

    it('users with the user service slow: 504 at the call time limit, one try per try timeout, each aborted', async () => {
      await faults.user.set({ latencyMs: 2_000 });

      const { status, body, elapsedMs } = await user(bff);

      expect(status).toBe(504);
      expect(body).toMatchObject({ code: 'UPSTREAM_TIMEOUT', service: 'user' });
      expect(elapsedMs).toBeGreaterThanOrEqual(1_000 - 20);
      expect(elapsedMs).toBeLessThan(1_000 + SLACK_MS);
      const users = await eventuallyStats('user', (s) => s.requests === 2 && s.aborted === 2);
      expect(users).toMatchObject({ requests: 2, aborted: 2 });
    });

    it('the retry budget keeps a user service that always fails at no more than 1.2 times the inbound calls', async () => {
      await faults.user.set({ status: 500 });
      const inbound = 30;

      for (let i = 0; i < inbound; i++) expect((await user(limitsBff)).status).toBe(502);

      const downstream = await calls('user');
      expect(downstream).toBeGreaterThan(inbound);
      expect(downstream).toBeLessThanOrEqual(inbound * 1.2);
    });

    it('a review page over the size cap: the rating marked as an error, not retried', async () => {
      // Product 2's page of three reviews is about 1.4 KiB; the cap here is 1 KiB.
      const { status, headers, body } = await screen(limitsBff, '2');

      expect(status).toBe(200);
      expect(body.rating).toEqual({ status: 'unavailable', reason: 'error' });
      expect(headers.get('x-bff-degraded')).toBe('rating');
      expect(await calls('review')).toBe(1);
      // Product 1's page is under 1 KiB.
      expect((await screen(limitsBff, '1')).body.rating.status).toBe('ok');
    });

    it('the bulkhead: with reviews hanging, screens keep the budget and calls past 4 + 2 are turned away at once', async () => {
      await faults.review.set({ hang: true });
      const screens: TimedResponse<MobileProductDetails>[] = [];
      let running = true;
      const workers = Array.from({ length: 8 }, async () => {
        while (running) {
          screens.push(await screen(limitsBff));
          await sleep(50);
        }
      });
      await sleep(BUDGET_MS * 2);
      running = false;
      await Promise.all(workers);

      for (const response of screens) {
        expect(response.status).toBe(200);
        expect(response.elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
        expect(response.body.rating.status).toBe('unavailable');
      }
      const reasons = screens.map((response) => (response.body.rating as { reason?: string }).reason);
      expect(reasons.filter((reason) => reason === 'unavailable').length).toBeGreaterThan(0);
      expect(reasons.filter((reason) => reason === 'timeout').length).toBeGreaterThan(0);
      expect((await stats('review')).requests).toBeLessThan(screens.length);
      // The users route shares nothing with the full review bulkhead.
      expect((await user(limitsBff)).status).toBe(200);
    });
  });

  describe('a service failing half of its calls', () => {
    it('product: a screen fails only when all three tries failed', async () => {
      await faults.product.set({ errorRate: 0.5 });
      const ids = Array.from({ length: 20 }, () => freshProduct());

      const statuses: number[] = [];
      for (const id of ids) statuses.push((await screen(bff, id)).status);

      const { byPath } = await stats('product');
      const tries = ids.map((id) => byPath[`/products/${id}`] ?? 0);
      expect(statuses.every((status) => status === 200 || status === 502)).toBe(true);
      expect(statuses.every((status, i) => status === 200 || tries[i] === 3)).toBe(true);
      expect(statuses.some((status, i) => status === 200 && (tries[i] ?? 0) > 1)).toBe(true);
    });
  });

  describe('a connection reset', () => {
    it('product: retried (nothing was processed), then 503', async () => {
      await faults.product.set({ reset: true });

      const { status, body, elapsedMs } = await screen(bff);

      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', service: 'product' });
      expect(elapsedMs).toBeLessThan(AT_ONCE_MS);
      expect(await calls('product')).toBe(3);
    });

    it('reviews: 200 with the rating marked unavailable', async () => {
      await faults.review.set({ reset: true });

      const { status, body } = await screen(bff);

      expect(status).toBe(200);
      expect(body.rating).toEqual({ status: 'unavailable', reason: 'unavailable' });
    });
  });

  describe('a hanging service', () => {
    it('inventory: 200 within the route budget, the stock marked timed out and its request closed', async () => {
      await faults.inventory.set({ hang: true });

      const { status, body, elapsedMs } = await screen(bff);

      expect(status).toBe(200);
      expect(body.stock).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(body.rating.status).toBe('ok');
      expect(elapsedMs).toBeLessThan(BUDGET_MS + SLACK_MS);
      const inventory = await eventuallyStats('inventory', (s) => s.requests > 0 && s.aborted === s.requests);
      expect(inventory.aborted).toBe(inventory.requests);
    });
  });

  describe('header hygiene', () => {
    const spoofed = {
      'x-user-id': 'admin',
      'x-internal-role': 'root',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-host': 'evil.example',
      connection: 'keep-alive, x-user-id, x-internal-role',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'proxy-authorization': 'Basic Zm9vOmJhcg==',
    };
    const forbidden = ['x-internal-role', 'x-forwarded-host', 'keep-alive', 'te', 'proxy-authorization'];

    it('forwards the request id and language to every part, and nothing a client spoofed', async () => {
      const response = await rawRequest(bff.url, `/product-details/${freshProduct()}`, {
        ...spoofed,
        'x-request-id': 'mobile-hygiene-1',
        'accept-language': 'fr-CH',
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('x-request-id')).toBe('mobile-hygiene-1');
      for (const service of ['product', 'review', 'inventory'] as const) {
        const [sent] = await recorded(service);
        expect(sent?.headers).toMatchObject({
          'x-request-id': 'mobile-hygiene-1',
          traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
          // The language negotiated against SUPPORTED_LANGUAGES (default en), not the client's header.
          'accept-language': 'en',
          'x-forwarded-for': '127.0.0.1',
        });
        for (const name of ['x-user-id', ...forbidden]) expect(sent?.headers[name]).toBeUndefined();
        expect(String(sent?.headers['connection'] ?? '')).not.toMatch(/x-user-id|x-internal/);
      }
    });

    it('sends the verified subject as x-user-id, never the one a client sent', async () => {
      const headers = await auth.bearer({
        sub: 'mobile-user',
        audience: 'mobile-bff',
        scopes: ['users:read:any'],
      });

      const response = await rawRequest(bff.url, '/users/1', { ...headers, ...spoofed, 'x-user-id': '99' });

      expect(response.status).toBe(200);
      const [sent] = await recorded('user');
      expect(sent?.headers['x-user-id']).toBe('mobile-user');
      for (const name of forbidden) expect(sent?.headers[name]).toBeUndefined();
    });
  });

  describe('the circuit breaker', () => {
    it('opens after 5 failed calls, then answers 503 circuit-open at once without calling the service', async () => {
      await faults.user.set({ status: 500 });
      for (let i = 0; i < 5; i++) expect((await user(breakerBff)).status).toBe(502);

      const open: TimedResponse[] = [];
      for (let i = 0; i < 5; i++) open.push(await user(breakerBff));

      for (const response of open) {
        expect(response.status).toBe(503);
        expect(response.body).toMatchObject({
          code: 'UPSTREAM_UNAVAILABLE',
          service: 'user',
          reason: 'circuit-open',
        });
        expect(response.elapsedMs).toBeLessThan(AT_ONCE_MS);
      }
      expect(await calls('user')).toBe(5);
    });

    it('turns a failing rating into an immediate "unavailable" marker, and recovers after the cooldown', async () => {
      await faults.review.set({ status: 500 });
      for (let i = 0; i < 5; i++) {
        expect((await screen(breakerBff)).body.rating).toEqual({ status: 'unavailable', reason: 'error' });
      }

      const open = await screen(breakerBff);

      expect(open.status).toBe(200);
      expect(open.body.rating).toEqual({ status: 'unavailable', reason: 'unavailable' });
      expect(open.elapsedMs).toBeLessThan(AT_ONCE_MS);
      expect(await calls('review')).toBe(5);

      await faults.review.clear();
      await sleep(1_100);
      expect((await screen(breakerBff)).body.rating.status).toBe('ok');
      expect((await screen(breakerBff)).body.rating.status).toBe('ok');
    });
  });

  describe('a stopped service', () => {
    it('inventory (gRPC): 200 at once, the stock marked unavailable', async () => {
      await stack.services.inventory.stop();
      const id = freshProduct();

      const { status, body, elapsedMs } = await screen(bff, id);

      expect(status).toBe(200);
      expect(body.stock).toEqual({ status: 'unavailable', reason: 'unavailable' });
      // A refused gRPC connection fails fast (UNAVAILABLE, retried within the budget; see the service clients' specs).
      expect(elapsedMs).toBeLessThan(AT_ONCE_MS);
    });

    it('product: 503 at once, after the refused connection was retried twice', async () => {
      await stack.services.product.stop();
      const id = freshProduct();

      const { status, headers, body, elapsedMs } = await screen(bff, id);

      expect(status).toBe(503);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', service: 'product' });
      expect(elapsedMs).toBeLessThan(AT_ONCE_MS);
      const tries = DownstreamProbe.tries(bff.logs, { path: `/products/${id}` });
      expect(tries.map((probed) => probed.error)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    });
  });
});
