import type { MobileProductDetails, MobileUser } from '@bff/mobile-contracts';
import type { Operation } from '@bff/contracts';
import { AppProcess, DemoFaults, DemoStack, TestAuth, request } from '@bff/testing';
import Redis from 'ioredis';

const PROBLEM = /^application\/problem\+json/;

describe('mobile-bff over the real demo services', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let faults: Record<'product' | 'review' | 'inventory' | 'shipping', DemoFaults>;
  const auth = new TestAuth();
  const asUser = (sub: string, scopes: string[] = []) => auth.bearer({ sub, audience: 'mobile-bff', scopes });

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      PRODUCT_DETAILS_BUDGET_MS: '1200',
      // Limits are exercised by their own describe block; here they must not interfere.
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
    });
    faults = {
      product: new DemoFaults(stack.services.product.url),
      review: new DemoFaults(stack.services.review.url),
      inventory: new DemoFaults(stack.services.inventory.url),
      shipping: new DemoFaults(stack.services.shipping.url),
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
    it('returns the profile fields the app shows to its owner', async () => {
      const { status, body } = await request<MobileUser>(`${bff.url}/users/1`, { headers: await asUser('1') });
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['address', 'email', 'id', 'name']);
      expect(body.id).toBe('1');
    });

    it('answers 401 without a token, 403 for another user, and 401 for a web token', async () => {
      expect((await request(`${bff.url}/users/1`)).status).toBe(401);
      const other = await request(`${bff.url}/users/1`, { headers: await asUser('2') });
      expect(other.status).toBe(403);
      expect(other.headers.get('content-type')).toMatch(PROBLEM);
      const webToken = await auth.token({ sub: '1', audience: 'web-bff' });
      const crossAudience = await request(`${bff.url}/users/1`, { headers: { authorization: `Bearer ${webToken}` } });
      expect(crossAudience.status).toBe(401);
      expect(crossAudience.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    });

    it('rejects a traversal attempt with 400 problem+json', async () => {
      const { status, headers, body } = await request(`${bff.url}/users/..%2Fadmin`, {
        headers: await asUser('support', ['users:read:any']),
      });
      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ code: 'INVALID_ID' });
    });
  });

  describe('rate limits shared by two replicas through Redis', () => {
    // A database of its own on the shared Redis, emptied afterwards.
    const REDIS_URL = 'redis://127.0.0.1:6379/11';
    let replicas: AppProcess[] = [];

    beforeAll(async () => {
      const env = { ...stack.bffEnv(), ...auth.env(), REDIS_URL, RATE_LIMIT_DEFAULT: 'minute=10/1m' };
      replicas = await Promise.all([AppProcess.start('mobile-bff', env), AppProcess.start('mobile-bff', env)]);
    });

    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.stop()));
      const redis = new Redis(REDIS_URL);
      await redis.flushdb();
      redis.disconnect();
    });

    it('accepts at most the limit from a burst of three times the limit spread over both', async () => {
      const headers = await asUser(`burst-${Date.now()}`);
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => request(`${replicas[i % 2]?.url}/product-details/1`, { headers })),
      );
      const accepted = responses.filter((response) => response.status === 200);
      const limited = responses.filter((response) => response.status === 429);
      expect(accepted.length).toBeLessThanOrEqual(10);
      expect(accepted.length).toBeGreaterThanOrEqual(9);
      expect(limited.length).toBe(30 - accepted.length);
      expect(limited[0]?.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited[0]?.headers.get('content-type')).toMatch(PROBLEM);
      expect(limited[0]?.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(accepted[0]?.headers.get('ratelimit-policy')).toMatch(/"minute";q=10;w=60/);
      expect(accepted[0]?.headers.get('ratelimit')).toMatch(/"minute";r=\d+;t=\d+/);
    });

    it('limits two users independently', async () => {
      const first = await asUser(`first-${Date.now()}`);
      const second = await asUser(`second-${Date.now()}`);
      for (let i = 0; i < 10; i++) await request(`${replicas[i % 2]?.url}/product-details/2`, { headers: first });
      expect((await request(`${replicas[0]?.url}/product-details/2`, { headers: first })).status).toBe(429);
      expect((await request(`${replicas[1]?.url}/product-details/2`, { headers: second })).status).toBe(200);
    });

    it('never limits the health route', async () => {
      const statuses = await Promise.all(Array.from({ length: 15 }, () => request(`${replicas[0]?.url}/health`)));
      expect(statuses.every((response) => response.status === 200)).toBe(true);
    });
  });

  describe('composition: GET /product-details/:productId', () => {
    it('returns the compact product screen', async () => {
      const { status, body } = await request<MobileProductDetails>(`${bff.url}/product-details/1`);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['delivery', 'id', 'name', 'price', 'rating', 'stock', 'thumbnailUrl']);
      expect(body.thumbnailUrl).toMatch(/thumbnail/);
      if (body.rating.status !== 'ok' || body.stock.status !== 'ok') throw new Error('all parts expected');
      expect(body.rating.top.length).toBeLessThanOrEqual(3);
      for (const review of body.rating.top) expect(review.body.length).toBeLessThanOrEqual(140);
      expect(typeof body.stock.inStock).toBe('boolean');
    });

    // How much smaller this page is than the web one is checked in apps/clients-e2e, the
    // one suite that starts both BFFs; this suite builds and starts only the mobile BFF.

    it('calls the four services in parallel, over HTTP, gRPC and AMQP: four 500 ms delays cost one', async () => {
      await Promise.all([
        faults.product.set({ latencyMs: 500 }),
        faults.review.set({ latencyMs: 500 }),
        faults.inventory.set({ latencyMs: 500 }),
        faults.shipping.set({ latencyMs: 500 }),
      ]);
      // A product never fetched before, so the page is composed rather than served from the cache.
      const { status, headers, body, elapsedMs } = await request<MobileProductDetails>(`${bff.url}/product-details/13`);
      expect(status).toBe(200);
      // One after the other, the parts would need 2000 ms: past the budget, a part would be
      // cut and marked. That no part is marked is the proof, whatever the machine's load.
      expect(headers.get('x-bff-degraded')).toBeNull();
      expect(body.rating.status).toBe('ok');
      expect(body.stock.status).toBe('ok');
      expect(body.delivery.status).toBe('ok');
      expect(elapsedMs).toBeGreaterThanOrEqual(490);
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
      // Within the 1.2 s budget; a hang uncut would take three 2 s tries. The rest is room for a loaded machine.
      expect(response.elapsedMs).toBeLessThan(1_200 + 1_500);
    });

    it('opens the screen without stock when inventory times out', async () => {
      await faults.inventory.set({ hang: true });
      const { status, headers, body, elapsedMs } = await request<MobileProductDetails>(`${bff.url}/product-details/10`);
      expect(status).toBe(200);
      expect(body.stock).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(body.rating.status).toBe('ok');
      expect(headers.get('x-bff-degraded')).toBe('stock');
      expect(elapsedMs).toBeLessThan(1_200 + 1_500);
    });

    it('answers a repeat with 304 and no body when the app already holds the page', async () => {
      const first = await request(`${bff.url}/product-details/30`);
      const etag = first.headers.get('etag') ?? '';
      const again = await request(`${bff.url}/product-details/30`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
    });

    it("accepts a review with 202 and the operation, and stores it signed with the signed-in user's name", async () => {
      const shopper = await request<MobileUser>(`${stack.services.user.url}/users/9`);
      const headers = await asUser('9', ['reviews:write']);
      const { status, headers: answer, body } = await request<Operation>(`${bff.url}/products/31/reviews`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 5, title: 'Love it', body: 'Light and warm.', author: 'Mallory' }),
      });
      expect(status).toBe(202);
      expect(body).toEqual({ id: expect.any(String), kind: 'review.submit', productId: '31', status: 'pending' });
      const location = answer.get('location') ?? '';
      expect(location).toBe(`/operations/${body.id}`);

      let operation: Operation = body;
      for (const until = Date.now() + 15_000; operation.status === 'pending' && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        operation = (await request<Operation>(`${bff.url}${location}`, { headers })).body;
      }
      if (operation.status !== 'done') throw new Error(`operation ${operation.status}`);
      const stored = await request<{ items: { id: string; author: string }[] }>(
        `${stack.services.review.url}/reviews?productId=31&limit=50`,
      );
      expect(stored.body.items.find((review) => review.id === operation.reviewId)?.author).toBe(shopper.body.name);
    });

    it('marks a part the service has no record of as not-found, and keeps the screen', async () => {
      // Stock comes over gRPC: the fault names its method.
      await faults.inventory.set({ status: 404, path: '/inventory.v1.InventoryService/GetStock' });
      const { status, headers, body } = await request<MobileProductDetails>(`${bff.url}/product-details/33`);
      expect(status).toBe(200);
      expect(body.stock).toEqual({ status: 'unavailable', reason: 'not-found' });
      expect(headers.get('x-bff-degraded')).toBe('stock');
    });

    it('sends the full cache policy: public for the screen, private for a profile', async () => {
      const screen = await request(`${bff.url}/product-details/34`);
      expect(screen.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=60, stale-if-error=300');
      const profile = await request(`${bff.url}/users/15`, { headers: await asUser('15') });
      expect(profile.status).toBe(200);
      expect(profile.headers.get('cache-control')).toBe('private, max-age=15');
    });

    it('refuses a body over 16 KiB with 413 and a non-JSON body with 415 on the review route', async () => {
      const headers = await asUser('9');
      const head = JSON.stringify({ rating: 5, title: 'Big', body: 'Too big.', pad: '' }).slice(0, -2);
      const over = await request(`${bff.url}/products/35/reviews`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: `${head}${'x'.repeat(16_384 + 1 - head.length - 2)}"}`,
      });
      expect(over.status).toBe(413);
      expect(over.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      const xml = await request(`${bff.url}/products/35/reviews`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/xml' },
        body: '<review/>',
      });
      expect(xml.status).toBe(415);
      expect(xml.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded'])(
      'refuses a %s body with 415 on the review route',
      async (contentType) => {
        const { status, body } = await request(`${bff.url}/products/35/reviews`, {
          method: 'POST',
          headers: { ...(await asUser('9')), 'content-type': contentType },
          body: 'rating=5',
        });
        expect(status).toBe(415);
        expect(body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      },
    );

    it('answers a known path called with another method with 405 and Allow', async () => {
      const { status, headers, body } = await request(`${bff.url}/product-details/1`, { method: 'DELETE' });
      expect(status).toBe(405);
      expect(headers.get('allow')).toContain('GET');
      expect(body).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    });

    it('maps an unknown product to 404 problem+json', async () => {
      const { status, body } = await request(`${bff.url}/product-details/501`);
      expect(status).toBe(404);
      expect(body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('maps a stopped product service to 503', async () => {
      await stack.services.product.stop();
      const { status, body } = await request(`${bff.url}/product-details/12`);
      expect(status).toBe(503);
      expect(body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    });
  });
});
