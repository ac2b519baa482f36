import type { MobileProductDetails, MobileUser } from '@bff/mobile-contracts';
import { AppProcess, DemoFaults, DemoStack, request } from '@bff/testing';

const PROBLEM = /^application\/problem\+json/;

describe('mobile-bff over the real demo services', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let faults: Record<'product' | 'review' | 'inventory', DemoFaults>;

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', { ...stack.bffEnv(), PRODUCT_DETAILS_BUDGET_MS: '1200' });
    faults = {
      product: new DemoFaults(stack.services.product.url),
      review: new DemoFaults(stack.services.review.url),
      inventory: new DemoFaults(stack.services.inventory.url),
    };
  });

  afterEach(async () => {
    await Promise.all(Object.values(faults ?? {}).map((service) => service.reset().catch(() => undefined)));
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  describe('routing: GET /users/:userId', () => {
    it('returns the profile fields the app shows', async () => {
      const { status, body } = await request<MobileUser>(`${bff.url}/users/1`);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['address', 'email', 'id', 'name']);
      expect(body.id).toBe('1');
    });

    it('rejects a traversal attempt with 400 problem+json', async () => {
      const { status, headers, body } = await request(`${bff.url}/users/..%2Fadmin`);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ code: 'INVALID_ID' });
    });
  });

  describe('composition: GET /product-details/:productId', () => {
    it('returns the compact product screen', async () => {
      const { status, body } = await request<MobileProductDetails>(`${bff.url}/product-details/1`);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['id', 'name', 'price', 'rating', 'stock', 'thumbnailUrl']);
      expect(body.thumbnailUrl).toMatch(/thumbnail/);
      if (body.rating.status !== 'ok' || body.stock.status !== 'ok') throw new Error('all parts expected');
      expect(body.rating.top.length).toBeLessThanOrEqual(3);
      for (const review of body.rating.top) expect(review.body.length).toBeLessThanOrEqual(140);
      expect(typeof body.stock.inStock).toBe('boolean');
    });

    it('is at least 60% smaller than the web page for the same products', async () => {
      const web = await AppProcess.start('web-bff', stack.bffEnv());
      try {
        for (const id of ['1', '2', '3', '42']) {
          const mobileBytes = Buffer.byteLength((await request(`${bff.url}/product-details/${id}`)).text);
          const webBytes = Buffer.byteLength((await request(`${web.url}/product-details/${id}`)).text);
          expect(mobileBytes).toBeLessThanOrEqual(webBytes * 0.4);
        }
      } finally {
        await web.stop();
      }
    });

    it('calls the three services in parallel: three 300 ms delays cost one', async () => {
      await Promise.all([
        faults.product.set({ latencyMs: 300 }),
        faults.review.set({ latencyMs: 300 }),
        faults.inventory.set({ latencyMs: 300 }),
      ]);
      const { status, elapsedMs } = await request(`${bff.url}/product-details/3`);
      expect(status).toBe(200);
      expect(elapsedMs).toBeLessThan(550);
    });

    it.each([
      ['a 500 from the product service', { status: 500 }, 502, 'UPSTREAM_BAD_RESPONSE'],
      ['a hanging product service', { hang: true }, 504, 'UPSTREAM_TIMEOUT'],
    ])('maps %s to %i problem+json', async (_label, spec, status, code) => {
      await faults.product.set(spec);
      const response = await request(`${bff.url}/product-details/9`);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(PROBLEM);
      expect(response.body).toMatchObject({ status, code });
      expect(response.elapsedMs).toBeLessThan(1_200 + 500);
    });

    it('opens the screen without stock when inventory times out', async () => {
      await faults.inventory.set({ hang: true });
      const { status, headers, body, elapsedMs } = await request<MobileProductDetails>(`${bff.url}/product-details/10`);
      expect(status).toBe(200);
      expect(body.stock).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(body.rating.status).toBe('ok');
      expect(headers.get('x-bff-degraded')).toBe('stock');
      expect(elapsedMs).toBeLessThan(1_200 + 500);
    });

    it('maps an unknown product to 404 problem+json', async () => {
      const { status, body } = await request(`${bff.url}/product-details/501`);
      expect(status).toBe(404);
      expect(body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('maps a stopped product service to 503', async () => {
      await stack.services.product.stop();
      const { status, body } = await request(`${bff.url}/product-details/1`);
      expect(status).toBe(503);
      expect(body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    });
  });
});
