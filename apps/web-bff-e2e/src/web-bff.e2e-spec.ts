import { AppProcess, DemoFaults, DemoStack, rawRequest, request } from '@bff/testing';
import type { WebProductDetails, WebUser } from '@bff/web-contracts';

const PROBLEM = /^application\/problem\+json/;

describe('web-bff over the real demo services', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let faults: Record<'product' | 'review' | 'inventory' | 'user', DemoFaults>;

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', { ...stack.bffEnv(), PRODUCT_DETAILS_BUDGET_MS: '1500' });
    faults = {
      product: new DemoFaults(stack.services.product.url),
      review: new DemoFaults(stack.services.review.url),
      inventory: new DemoFaults(stack.services.inventory.url),
      user: new DemoFaults(stack.services.user.url),
    };
  });

  afterEach(async () => {
    await Promise.all(Object.values(faults ?? {}).map((service) => service.reset().catch(() => undefined)));
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  describe('GET /health', () => {
    it('answers ok', async () => {
      const { status, body } = await request(`${bff.url}/health`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok', service: 'web-bff' });
    });
  });

  describe('routing: GET /users/:userId', () => {
    it('returns the user service profile', async () => {
      const direct = await request<WebUser>(`${stack.services.user.url}/users/1`);
      const { status, body } = await request<WebUser>(`${bff.url}/users/1`);
      expect(status).toBe(200);
      expect(body).toEqual(direct.body);
      expect(body).toMatchObject({ id: '1', name: expect.any(String), email: expect.any(String) });
    });

    it('maps an unknown user to 404 problem+json', async () => {
      const { status, headers, body } = await request(`${bff.url}/users/100000`);
      expect(status).toBe(404);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });
  });

  describe('composition: GET /product-details/:productId', () => {
    it('merges product, first review page with summary, and stock per warehouse', async () => {
      const { status, body } = await request<WebProductDetails>(`${bff.url}/product-details/1`);
      expect(status).toBe(200);
      expect(body.product).toMatchObject({ id: '1', name: expect.any(String), description: expect.any(String) });
      expect(body.product.images.length).toBeGreaterThan(1);
      if (body.reviews.status !== 'ok' || body.inventory.status !== 'ok') throw new Error('all parts expected');
      expect(body.reviews.items.length).toBeLessThanOrEqual(10);
      expect(body.reviews.summary).toMatchObject({ count: expect.any(Number), average: expect.any(Number) });
      expect(Object.keys(body.reviews.summary.histogram).sort()).toEqual(['1', '2', '3', '4', '5']);
      expect(body.inventory.warehouses.length).toBeGreaterThan(0);
      expect(body.inventory.totalQuantity).toBe(body.inventory.warehouses.reduce((sum, w) => sum + w.quantity, 0));
    });

    it('pages through reviews with the returned cursor at the review service', async () => {
      const { body } = await request<WebProductDetails>(`${bff.url}/product-details/2`);
      if (body.reviews.status !== 'ok') throw new Error('reviews expected');
      if (body.reviews.summary.count > 10) expect(body.reviews.nextCursor).toEqual(expect.any(String));
      else expect(body.reviews.nextCursor).toBeNull();
    });

    it('calls the three services in parallel: three 300 ms delays cost one', async () => {
      await Promise.all([
        faults.product.set({ latencyMs: 300 }),
        faults.review.set({ latencyMs: 300 }),
        faults.inventory.set({ latencyMs: 300 }),
      ]);
      const { status, elapsedMs } = await request(`${bff.url}/product-details/3`);
      expect(status).toBe(200);
      expect(elapsedMs).toBeGreaterThanOrEqual(290);
      expect(elapsedMs).toBeLessThan(550);
    });

    it('maps an unknown product to 404 problem+json', async () => {
      const { status, headers, body } = await request(`${bff.url}/product-details/999999`);
      expect(status).toBe(404);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: '/product-details/999999' });
    });

    it('maps a failing product service to 502 without leaking internals', async () => {
      await faults.product.set({ status: 500 });
      const { status, headers, body, text } = await request(`${bff.url}/product-details/4`);
      expect(status).toBe(502);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 502, code: 'UPSTREAM_BAD_RESPONSE' });
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|at \w+ \(|node_modules/);
    });

    it('maps an invalid product body to 502', async () => {
      await faults.product.set({ invalidBody: true });
      const { status, body } = await request(`${bff.url}/product-details/4`);
      expect(status).toBe(502);
      expect(body).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    });

    it('maps a hanging product service to 504 within the route budget', async () => {
      await faults.product.set({ hang: true });
      const { status, body, elapsedMs } = await request(`${bff.url}/product-details/5`);
      expect(status).toBe(504);
      expect(body).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT' });
      expect(elapsedMs).toBeLessThan(1_500 + 500);
    });

    it('keeps the page when reviews fail, marking them unavailable', async () => {
      await faults.review.set({ status: 503 });
      const { status, headers, body } = await request<WebProductDetails>(`${bff.url}/product-details/6`);
      expect(status).toBe(200);
      expect(body.reviews).toEqual({ status: 'unavailable', reason: 'error' });
      expect(body.inventory.status).toBe('ok');
      expect(headers.get('x-bff-degraded')).toBe('reviews');
    });
  });

  describe('bad input', () => {
    it.each([
      ['an encoded traversal', '..%2Fadmin'],
      ['encoded dots', '%2e%2e'],
      ['a 300-character id', 'a'.repeat(300)],
      ['a control character', 'a%01b'],
      ['a dot', '1.json'],
    ])('rejects %s with 400 problem+json', async (_label, id) => {
      for (const route of ['product-details', 'users']) {
        const { status, headers, body } = await rawRequest(bff.url, `/${route}/${id}`);
        expect(status).toBe(400);
        expect(headers.get('content-type')).toMatch(PROBLEM);
        expect(body).toMatchObject({ status: 400, code: 'INVALID_ID' });
      }
    });

    it('answers an unknown route with 404 problem+json', async () => {
      const { status, headers } = await request(`${bff.url}/nope`);
      expect(status).toBe(404);
      expect(headers.get('content-type')).toMatch(PROBLEM);
    });
  });

  describe('request ids', () => {
    it('echoes a valid x-request-id and replaces a malformed one', async () => {
      const kept = await request(`${bff.url}/health`, { headers: { 'x-request-id': 'trace-abc-123' } });
      expect(kept.headers.get('x-request-id')).toBe('trace-abc-123');
      const replaced = await request(`${bff.url}/health`, { headers: { 'x-request-id': 'bad id <script>' } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('with a downstream service stopped', () => {
    it('maps connection refused to 503 for a required part', async () => {
      await stack.services.product.stop();
      const { status, headers, body, text } = await request(`${bff.url}/product-details/1`);
      expect(status).toBe(503);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    });

    it('maps a stopped user service to 503 on the routed endpoint', async () => {
      await stack.services.user.stop();
      const { status, body } = await request(`${bff.url}/users/1`);
      expect(status).toBe(503);
      expect(body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    });
  });
});
