import type { Operation } from '@bff/contracts';
import { AppProcess, DemoFaults, DemoStack, TestAuth, rawRequest, request } from '@bff/testing';
import type { WebProductDetails, WebUser } from '@bff/web-contracts';
import Redis from 'ioredis';

const PROBLEM = /^application\/problem\+json/;

describe('web-bff over the real demo services', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let faults: Record<'product' | 'review' | 'inventory' | 'user' | 'shipping', DemoFaults>;
  const auth = new TestAuth();
  const asUser = (sub: string, scopes: string[] = []) => auth.bearer({ sub, audience: 'web-bff', scopes });

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      PRODUCT_DETAILS_BUDGET_MS: '1500',
      // Limits have suites of their own; here they must not interfere.
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      RATE_LIMIT_REVIEW_WRITES: 'review-writes=1000/1m',
    });
    faults = {
      product: new DemoFaults(stack.services.product.url),
      review: new DemoFaults(stack.services.review.url),
      inventory: new DemoFaults(stack.services.inventory.url),
      user: new DemoFaults(stack.services.user.url),
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

  describe('GET /health', () => {
    it('answers ok', async () => {
      const { status, body } = await request(`${bff.url}/health`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok', service: 'web-bff' });
    });
  });

  describe('routing: GET /users/:userId', () => {
    it('returns the user service profile to its owner', async () => {
      const direct = await request<WebUser>(`${stack.services.user.url}/users/1`);
      const { status, body } = await request<WebUser>(`${bff.url}/users/1`, { headers: await asUser('1') });
      expect(status).toBe(200);
      expect(body).toEqual(direct.body);
      expect(body).toMatchObject({ id: '1', name: expect.any(String), email: expect.any(String) });
    });

    it('maps an unknown user to 404 problem+json', async () => {
      const { status, headers, body } = await request(`${bff.url}/users/100000`, {
        headers: await asUser('support', ['users:read:any']),
      });
      expect(status).toBe(404);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    });
  });

  describe('authentication and authorization', () => {
    it('asks for a token on a protected route: 401 problem+json with a Bearer challenge', async () => {
      const { status, headers, body } = await request(`${bff.url}/users/1`);
      expect(status).toBe(401);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    });

    it('refuses another user\'s profile with 403, and allows it with users:read:any', async () => {
      const other = await request(`${bff.url}/users/1`, { headers: await asUser('2') });
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      const support = await request(`${bff.url}/users/1`, { headers: await asUser('2', ['users:read:any']) });
      expect(support.status).toBe(200);
    });

    it('rejects a token minted for the mobile BFF', async () => {
      const mobileToken = await auth.token({ sub: '1', audience: 'mobile-bff' });
      const { status, headers } = await request(`${bff.url}/users/1`, {
        headers: { authorization: `Bearer ${mobileToken}` },
      });
      expect(status).toBe(401);
      expect(headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    });

    it('keeps product browsing public', async () => {
      expect((await request(`${bff.url}/product-details/1`)).status).toBe(200);
    });
  });

  describe('browser session: /auth/login, /auth/me, /auth/logout', () => {
    const login = async (email: string, password: string) =>
      request<{ csrfToken?: string }>(`${bff.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });

    it('signs in with the demo password, serves the session, and needs the CSRF token to sign out', async () => {
      const user = await request<WebUser>(`${stack.services.user.url}/users/3`);
      const signedIn = await login(user.body.email, 'demo-password');
      expect(signedIn.status).toBe(200);
      const setCookie = signedIn.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^__Host-bff_session=/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/Secure/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(';')[0] ?? '';

      const me = await request<{ sub: string }>(`${bff.url}/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(me.body.sub).toBe('3');
      expect((await request(`${bff.url}/users/3`, { headers: { cookie } })).status).toBe(200);

      const forged = await request(`${bff.url}/auth/logout`, { method: 'POST', headers: { cookie } });
      expect(forged.status).toBe(403);
      expect(forged.headers.get('content-type')).toMatch(PROBLEM);

      const csrfToken = signedIn.body.csrfToken ?? '';
      const out = await request(`${bff.url}/auth/logout`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(out.status).toBe(204);
      expect(out.text).toBe('');
      expect(out.headers.get('set-cookie')).toMatch(/^__Host-bff_session=;.*Max-Age=0/i);
      expect((await request(`${bff.url}/auth/me`, { headers: { cookie } })).status).toBe(401);
    });

    it('answers a wrong password and an unknown user the same way', async () => {
      const user = await request<WebUser>(`${stack.services.user.url}/users/4`);
      const wrong = await login(user.body.email, 'not-the-password');
      const unknown = await login('nobody@example.com', 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('limits login attempts to 5 a minute per IP and email, leaving other emails alone', async () => {
      const user = await request<WebUser>(`${stack.services.user.url}/users/5`);
      for (let attempt = 1; attempt <= 5; attempt++) {
        expect((await login(user.body.email, `guess-${attempt}`)).status).toBe(401);
      }
      const limited = await login(user.body.email, 'demo-password');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      const other = await request<WebUser>(`${stack.services.user.url}/users/6`);
      expect((await login(other.body.email, 'demo-password')).status).toBe(200);
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
      type ReviewPage = { items: { id: string }[]; nextCursor: string | null };
      // Product 2 has more reviews than the page shows (17 in the seed).
      const { body } = await request<WebProductDetails>(`${bff.url}/product-details/2`);
      if (body.reviews.status !== 'ok') throw new Error('reviews expected');
      expect(body.reviews.items).toHaveLength(10);
      const seen = body.reviews.items.map((review) => review.id);

      let cursor = body.reviews.nextCursor;
      expect(cursor).toEqual(expect.any(String));
      for (let pages = 0; cursor !== null && pages < 10; pages++) {
        const next = await request<ReviewPage>(
          `${stack.services.review.url}/reviews?productId=2&limit=10&cursor=${encodeURIComponent(cursor)}`,
        );
        expect(next.status).toBe(200);
        seen.push(...next.body.items.map((review) => review.id));
        cursor = next.body.nextCursor;
      }

      // Following the cursor reaches every review once, in the service's own order.
      expect(cursor).toBeNull();
      expect(seen).toHaveLength(body.reviews.summary.count);
      const all = await request<ReviewPage>(`${stack.services.review.url}/reviews?productId=2&limit=50`);
      expect(seen).toEqual(all.body.items.map((review) => review.id));
    });

    it('calls the four services in parallel, over HTTP, gRPC and AMQP: four 500 ms delays cost one', async () => {
      await Promise.all([
        faults.product.set({ latencyMs: 500 }),
        faults.review.set({ latencyMs: 500 }),
        faults.inventory.set({ latencyMs: 500 }),
        faults.shipping.set({ latencyMs: 500 }),
      ]);
      const { status, headers, body, elapsedMs } = await request<WebProductDetails>(`${bff.url}/product-details/3`);
      expect(status).toBe(200);
      // One after the other, the parts would need 2000 ms: past the budget, a part would be
      // cut and marked. That no part is marked is the proof, whatever the machine's load.
      expect(headers.get('x-bff-degraded')).toBeNull();
      if (body.reviews.status !== 'ok' || body.inventory.status !== 'ok' || body.delivery.status !== 'ok') {
        throw new Error('all parts expected');
      }
      expect(elapsedMs).toBeGreaterThanOrEqual(490);
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
      // Cut at the 1.5 s budget; uncut, three 2 s tries would take 6 s. The rest is room for a loaded machine.
      expect(elapsedMs).toBeLessThan(1_500 + 1_500);
    });

    it('marks an optional part the service has no record of as not-found, and keeps the page', async () => {
      // Stock comes over gRPC: the fault names its method.
      await faults.inventory.set({ status: 404, path: '/inventory.v1.InventoryService/GetStock' });
      const { status, headers, body } = await request<WebProductDetails>(`${bff.url}/product-details/25`);
      expect(status).toBe(200);
      expect(body.inventory).toEqual({ status: 'unavailable', reason: 'not-found' });
      expect(body.reviews.status).toBe('ok');
      expect(headers.get('x-bff-degraded')).toBe('inventory');
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

  describe('response caching', () => {
    it('serves a repeat from the cache with a weak ETag, and 304 for a matching If-None-Match', async () => {
      const first = await request(`${bff.url}/product-details/20`);
      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(first.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=60, stale-if-error=300');
      expect(first.headers.get('vary')).toBe('Accept-Language, accept-encoding');
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/^W\/"[^"]+"$/);
      const second = await request(`${bff.url}/product-details/20`);
      expect(second.headers.get('x-cache')).toBe('HIT');
      expect(second.text).toBe(first.text);
      const notModified = await request(`${bff.url}/product-details/20`, { headers: { 'if-none-match': etag } });
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
    });

    it('never lets an unkeyed header into a cached page: the poisoned request fills the cache first', async () => {
      // Had x-fault-status reached the demo services, the product call would fail (a 502
      // page) and the optional parts would degrade; the other headers would show in their
      // request logs.
      const poison = {
        'x-fault-status': '500',
        'x-forwarded-host': 'evil.example',
        'x-original-url': '/admin',
      };

      const poisoned = await request<WebProductDetails>(`${bff.url}/product-details/21`, { headers: poison });
      const clean = await request<WebProductDetails>(`${bff.url}/product-details/21`);

      expect(poisoned.status).toBe(200);
      expect(poisoned.headers.get('x-cache')).toBe('MISS');
      expect(poisoned.headers.get('x-bff-degraded')).toBeNull();
      expect(clean.headers.get('x-cache')).toBe('HIT');
      expect(clean.text).toBe(poisoned.text);
      const direct = await request(`${stack.services.product.url}/products/21`);
      expect(clean.body.product).toEqual(direct.body);
      for (const service of ['product', 'review', 'inventory'] as const) {
        const [sent] = await faults[service].requests();
        expect(sent).toBeDefined();
        for (const name of Object.keys(poison)) expect(sent?.headers[name]).toBeUndefined();
      }
    });

    it('rejects query parameters a route does not understand', async () => {
      const { status, headers, body } = await request(`${bff.url}/product-details/22?utm=1`);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ code: 'INVALID_QUERY' });
    });

    /** Posts a review and polls its operation until the review service's event settled it. */
    const submitted = async (productId: string, fields: Record<string, unknown>): Promise<Operation> => {
      const headers = await asUser('7', ['reviews:write']);
      const posted = await request<Operation>(`${bff.url}/products/${productId}/reviews`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      });
      expect(posted.status).toBe(202);
      let operation = posted.body;
      for (const until = Date.now() + 15_000; operation.status === 'pending' && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        operation = (await request<Operation>(`${bff.url}${posted.headers.get('location')}`, { headers })).body;
      }
      return operation;
    };

    it('drops the cached page when the review posted through the BFF is published', async () => {
      await request(`${bff.url}/product-details/23`);
      for (let i = 0; i < 20 && (await request(`${bff.url}/product-details/23`)).headers.get('x-cache') !== 'HIT'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await request(`${bff.url}/product-details/23`)).headers.get('x-cache')).toBe('HIT');
      const operation = await submitted('23', { rating: 4, title: 'Solid', body: 'Does what it says on the box.' });
      if (operation.status !== 'done') throw new Error(`operation ${operation.status}`);
      const after = await request<WebProductDetails>(`${bff.url}/product-details/23`);
      expect(after.headers.get('x-cache')).toBe('MISS');
      if (after.body.reviews.status !== 'ok') throw new Error('reviews expected');
      expect(after.body.reviews.items[0]).toMatchObject({ id: operation.reviewId, title: 'Solid' });
    });

    it("signs a posted review with the signed-in user's name, whatever author the body claims", async () => {
      const shopper = await request<WebUser>(`${stack.services.user.url}/users/7`);

      const operation = await submitted('24', { rating: 5, title: 'Mine', body: 'Signed by whoever is signed in.', author: 'Mallory' });

      if (operation.status !== 'done') throw new Error(`operation ${operation.status}`);
      const stored = await request<{ items: { id: string; author: string }[] }>(
        `${stack.services.review.url}/reviews?productId=24&limit=50`,
      );
      expect(stored.body.items.find((review) => review.id === operation.reviewId)?.author).toBe(shopper.body.name);
    });

    it('rejects an invalid review with 400 problem+json naming the field', async () => {
      const { status, headers, body } = await request(`${bff.url}/products/23/reviews`, {
        method: 'POST',
        headers: { ...(await asUser('7', ['reviews:write'])), 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 9, title: '', body: 'x' }),
      });
      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(JSON.stringify(body)).toMatch(/rating/);
    });

    it("keeps a user profile private to its owner: the owner's cached copy never reaches another user", async () => {
      const owner = await asUser('8');
      const filled = await request<WebUser>(`${bff.url}/users/8`, { headers: owner });
      expect(filled.status).toBe(200);
      expect(filled.headers.get('x-cache')).toBe('MISS');
      expect(filled.headers.get('cache-control')).toBe('private, max-age=15');
      expect(filled.headers.get('vary')).toMatch(/Authorization/);
      const cached = await request(`${bff.url}/users/8`, { headers: owner });
      expect(cached.headers.get('x-cache')).toBe('HIT');
      expect(cached.text).toBe(filled.text);

      const other = await request(`${bff.url}/users/8`, { headers: await asUser('9') });
      const anonymous = await request(`${bff.url}/users/8`);
      const ownProfile = await request<WebUser>(`${bff.url}/users/9`, { headers: await asUser('9') });

      expect(other.status).toBe(403);
      expect(anonymous.status).toBe(401);
      for (const response of [other, anonymous, ownProfile]) {
        expect(response.text).not.toContain(filled.body.email);
        expect(response.text).not.toContain(filled.body.name);
      }
      expect(ownProfile.body.id).toBe('9');
    });

    it('keys per-user entries by the subject the real auth guard verified', async () => {
      const supportA = await asUser('support-a', ['users:read:any']);
      const supportB = await asUser('support-b', ['users:read:any']);

      const aFirst = await request(`${bff.url}/users/16`, { headers: supportA });
      const aAgain = await request(`${bff.url}/users/16`, { headers: supportA });
      const bFirst = await request(`${bff.url}/users/16`, { headers: supportB });
      const anotherTokenOfA = await auth.bearer({
        sub: 'support-a',
        audience: 'web-bff',
        scopes: ['users:read:any'],
        expiresInSeconds: 600,
      });
      const aWithAnotherToken = await request(`${bff.url}/users/16`, { headers: anotherTokenOfA });

      // Both may read the profile, yet B never gets A's entry; A's entry follows A, not A's token.
      expect([aFirst, aAgain, bFirst, aWithAnotherToken].map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect([aFirst, aAgain, bFirst, aWithAnotherToken].map((r) => r.headers.get('x-cache'))).toEqual([
        'MISS',
        'HIT',
        'MISS',
        'HIT',
      ]);
    });

    it("serves a signed-in caller's public page from the one shared entry, computed with no identity", async () => {
      const signedIn = await request(`${bff.url}/product-details/27`, { headers: await asUser('17') });
      const anonymous = await request(`${bff.url}/product-details/27`);

      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toMatch(/^public/);
      expect(anonymous.headers.get('x-cache')).toBe('HIT');
      expect(anonymous.text).toBe(signedIn.text);
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
        const support = await asUser('support', ['users:read:any']);
        const { status, headers, body } = await rawRequest(bff.url, `/${route}/${id}`, support);
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

  describe('request bodies on the JSON routes', () => {
    /** The limit of the JSON write routes (`JSON_WRITE_BODY_LIMIT`), well under the app-wide 1 MiB. */
    const LIMIT = 16_384;
    /** A JSON object of exactly `bytes` bytes: a valid review draft padded with a field the schema drops. */
    const jsonOfSize = (bytes: number, fields: Record<string, unknown>) => {
      const head = JSON.stringify({ ...fields, pad: '' }).slice(0, -2);
      return `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
    };
    const draft = { rating: 4, title: 'Sized', body: 'A body at the limit.' };
    const routes = async () => [
      { name: 'POST /products/:id/reviews', path: '/products/32/reviews', headers: await asUser('7', ['reviews:write']), fields: draft },
      { name: 'POST /auth/login', path: '/auth/login', headers: {}, fields: { email: 'sized@example.com', password: 'x' } },
    ];

    it('accepts a body of exactly 16 KiB and refuses one byte more with 413 problem+json', async () => {
      for (const route of await routes()) {
        const post = (body: string) =>
          request(`${bff.url}${route.path}`, {
            method: 'POST',
            headers: { ...route.headers, 'content-type': 'application/json' },
            body,
          });
        const atLimit = await post(jsonOfSize(LIMIT, route.fields));
        const over = await post(jsonOfSize(LIMIT + 1, route.fields));

        expect({ route: route.name, status: atLimit.status }).not.toEqual({ route: route.name, status: 413 });
        expect({ route: route.name, status: over.status }).toEqual({ route: route.name, status: 413 });
        expect(over.headers.get('content-type')).toMatch(PROBLEM);
        expect(over.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      }
    });

    it.each(['application/xml', 'application/merge-patch+json'])(
      'refuses a %s body with 415 problem+json on every JSON route',
      async (contentType) => {
        for (const route of await routes()) {
          const { status, headers, body } = await request(`${bff.url}${route.path}`, {
            method: 'POST',
            headers: { ...route.headers, 'content-type': contentType },
            body: JSON.stringify(route.fields),
          });
          expect({ route: route.name, status }).toEqual({ route: route.name, status: 415 });
          expect(headers.get('content-type')).toMatch(PROBLEM);
          expect(body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
        }
      },
    );

    it.each(['text/plain', 'application/x-www-form-urlencoded'])(
      'refuses a %s body with 415 problem+json on every JSON route',
      async (contentType) => {
        for (const route of await routes()) {
          const { status, headers, body } = await request(`${bff.url}${route.path}`, {
            method: 'POST',
            headers: { ...route.headers, 'content-type': contentType },
            body: 'email=a%40example.com&password=x',
          });
          expect({ route: route.name, status }).toEqual({ route: route.name, status: 415 });
          expect(headers.get('content-type')).toMatch(PROBLEM);
          expect(body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
        }
      },
    );

    it.each([
      ['DELETE', '/product-details/1', 'GET'],
      ['POST', '/users/1', 'GET'],
      ['PUT', '/products/1/reviews', 'POST'],
      ['GET', '/auth/logout', 'POST'],
    ])('answers %s %s with 405 problem+json allowing %s', async (method, path, allowed) => {
      const { status, headers, body } = await request(`${bff.url}${path}`, { method, headers: await asUser('1') });
      expect(status).toBe(405);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(headers.get('allow')).toContain(allowed);
      expect(body).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    });
  });

  describe('what reaches the downstream services', () => {
    it('never forwards the Authorization header or cookies, from a bearer token or a session', async () => {
      const user = await request<WebUser>(`${stack.services.user.url}/users/13`);
      const signedIn = await request<{ csrfToken: string }>(`${bff.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.body.email, password: 'demo-password' }),
      });
      const session = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      expect(session).toMatch(/^__Host-bff_session=./);
      const cookie = `${session}; theme=dark`;
      await faults.user.resetStats();

      const bySession = await request(`${bff.url}/users/13`, { headers: { cookie } });
      const byToken = await request(`${bff.url}/product-details/26`, {
        headers: { ...(await asUser('13')), cookie: 'theme=dark' },
      });

      expect(bySession.status).toBe(200);
      expect(byToken.status).toBe(200);
      const received = [
        ...(await faults.user.requests()),
        ...(await faults.product.requests()),
        ...(await faults.review.requests()),
        ...(await faults.inventory.requests()),
      ];
      expect(received.map((r) => r.path).sort()).toEqual([
        '/inventory.v1.InventoryService/GetStock',
        '/products/26',
        '/reviews',
        '/users/13',
      ]);
      for (const { path, headers } of received) {
        expect({ path, authorization: headers['authorization'], cookie: headers['cookie'] }).toEqual({
          path,
          authorization: undefined,
          cookie: undefined,
        });
        // Only the per-user route says who is asking; the public page is computed anonymously.
        expect({ path, userId: headers['x-user-id'] }).toEqual({ path, userId: path === '/users/13' ? '13' : undefined });
      }
    });
  });

  describe('with no configuration but the service URLs and keys', () => {
    /** A web BFF on every default limit, budget and policy. */
    let defaults: AppProcess;
    /** The response cache switched off and JSON logs, both through the environment. */
    let uncached: AppProcess;

    beforeAll(async () => {
      [defaults, uncached] = await Promise.all([
        AppProcess.start('web-bff', { ...stack.bffEnv(), ...auth.env() }),
        AppProcess.start('web-bff', {
          ...stack.bffEnv(),
          ...auth.env(),
          RESPONSE_CACHE_ENABLED: 'false',
          LOG_FORMAT: 'json',
          RATE_LIMIT_DEFAULT: 'burst=1000/1s',
        }),
      ]);
    });

    afterAll(async () => {
      await Promise.all([defaults?.stop(), uncached?.stop()]);
    });

    it('limits with the default tiers: 30 a second and 900 a minute per caller; logins per IP and email, per IP and per account', async () => {
      const page = await request(`${defaults.url}/product-details/50`);
      expect(page.headers.get('ratelimit-policy')).toBe('"burst";q=30;w=1, "minute";q=900;w=60');
      const login = await request(`${defaults.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'defaults@example.com', password: 'x' }),
      });
      expect(login.headers.get('ratelimit-policy')).toBe(
        '"login";q=5;w=60, "login-ip";q=20;w=60, "login-account";q=10;w=300',
      );

      // A fresh caller's first request spends one of each quota. (How fast a burst is refused
      // depends on how fast requests arrive; the limiter's own specs use a fake clock.)
      const first = await request(`${defaults.url}/product-details/55`, { headers: await asUser('defaults-burst') });
      expect(first.status).toBe(200);
      expect(first.headers.get('ratelimit')).toMatch(/^"burst";r=29;t=\d+, "minute";r=899;t=\d+$/);
    });

    it('composes the product page within the default 1.5 s budget, retrying a failed part twice', async () => {
      await faults.review.set({ hang: true });
      // UNAVAILABLE over gRPC, the one status that is retried.
      await faults.inventory.set({ status: 503 });

      const { status, headers, body, elapsedMs } = await request<WebProductDetails>(`${defaults.url}/product-details/51`);

      expect(status).toBe(200);
      expect(body.reviews).toEqual({ status: 'unavailable', reason: 'timeout' });
      expect(body.inventory).toEqual({ status: 'unavailable', reason: 'unavailable' });
      expect(headers.get('x-bff-degraded')?.split(', ').sort()).toEqual(['inventory', 'reviews']);
      // The budget is the behaviour: at it, plus room for a loaded machine.
      expect(elapsedMs).toBeGreaterThanOrEqual(1_480);
      expect(elapsedMs).toBeLessThan(1_500 + 1_000);
      expect((await faults.inventory.stats()).requests).toBe(3);
    });

    it('caches the product page by default with its full policy', async () => {
      const first = await request(`${defaults.url}/product-details/52`);
      const second = await request(`${defaults.url}/product-details/52`);
      expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
      expect(second.headers.get('cache-control')).toBe(
        'public, max-age=30, stale-while-revalidate=60, stale-if-error=300',
      );
    });

    it('gives a slow user service 2 s a try and the routed call 5 s in all', async () => {
      await faults.user.set({ latencyMs: 10_000 });

      const { status, body, elapsedMs } = await request(`${defaults.url}/users/14`, { headers: await asUser('14') });

      expect(status).toBe(504);
      expect(body).toMatchObject({ code: 'UPSTREAM_TIMEOUT', service: 'user' });
      expect(elapsedMs).toBeGreaterThanOrEqual(4_980);
      expect(elapsedMs).toBeLessThan(5_000 + 1_500);
      // Tries of 2 s, 2 s and what is left: every one aborted at the service.
      const user = await faults.user.statsWhen((stats) => stats.requests === 3 && stats.aborted === 3);
      expect(user).toMatchObject({ requests: 3, aborted: 3 });
    }, 30_000);

    it('serves every request uncached when RESPONSE_CACHE_ENABLED=false', async () => {
      const answers = [
        await request(`${uncached.url}/product-details/53`),
        await request(`${uncached.url}/product-details/53`),
      ];

      for (const { status, headers } of answers) {
        expect(status).toBe(200);
        expect(headers.get('x-cache')).toBe('BYPASS');
        expect(headers.get('cache-control')).toMatch(/no-store/);
      }
      expect((await faults.product.stats()).byPath['/products/53']).toBe(2);
    });

    it('logs one JSON object per line with LOG_FORMAT=json, and never the signing secret', async () => {
      await request(`${uncached.url}/product-details/54`);
      const lines = uncached.logs.split('\n').filter((line) => line.trim() !== '');

      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        expect(entry).toMatchObject({ level: expect.any(String), message: expect.anything() });
      }
      expect(lines.some((line) => /listening on http:\/\/127\.0\.0\.1:\d+/.test(line))).toBe(true);
      expect(uncached.logs).not.toContain(auth.env()['AUTH_HS256_SECRET']);
    });
  });

  describe('two replicas sharing Redis (REDIS_URL)', () => {
    // A database of its own on the machine's Redis, emptied afterwards.
    const REDIS_URL = 'redis://127.0.0.1:6379/12';
    let replicas: [AppProcess, AppProcess];

    beforeAll(async () => {
      const env = { ...stack.bffEnv(), ...auth.env(), REDIS_URL, RATE_LIMIT_DEFAULT: 'burst=1000/1s' };
      replicas = (await Promise.all([AppProcess.start('web-bff', env), AppProcess.start('web-bff', env)])) as [
        AppProcess,
        AppProcess,
      ];
    });

    afterAll(async () => {
      await Promise.all((replicas ?? []).map((replica) => replica.stop()));
      const redis = new Redis(REDIS_URL);
      await redis.flushdb();
      redis.disconnect();
    });

    it('serves a session created on one replica from the other', async () => {
      const [one, other] = replicas;
      const user = await request<WebUser>(`${stack.services.user.url}/users/18`);
      const signedIn = await request<{ csrfToken: string }>(`${one.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.body.email, password: 'demo-password' }),
      });
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

      const me = await request<{ sub: string }>(`${other.url}/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(me.body.sub).toBe('18');
      const out = await request(`${other.url}/auth/logout`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': signedIn.body.csrfToken },
      });
      expect(out.status).toBe(204);
      expect((await request(`${one.url}/auth/me`, { headers: { cookie } })).status).toBe(401);
    });

    it('shares a cached page, and a review posted through one replica drops it on the other', async () => {
      const [one, other] = replicas;
      const filled = await request(`${one.url}/product-details/60`);
      const shared = await request(`${other.url}/product-details/60`);
      expect([filled.headers.get('x-cache'), shared.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
      expect(shared.text).toBe(filled.text);
      // The page is now in the first replica's near cache too.
      expect((await request(`${one.url}/product-details/60`)).headers.get('x-cache')).toBe('HIT');

      const writer = await asUser('18', ['reviews:write']);
      const posted = await request<Operation>(`${other.url}/products/60/reviews`, {
        method: 'POST',
        headers: { ...writer, 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 5, title: 'Shared', body: 'Seen on every replica.' }),
      });
      expect(posted.status).toBe(202);

      // The operation is in the shared store: the replica that did not take the command reads it too.
      let operation = posted.body;
      for (let i = 0; i < 150 && operation.status === 'pending'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        operation = (await request<Operation>(`${one.url}/operations/${posted.body.id}`, { headers: writer })).body;
      }
      if (operation.status !== 'done') throw new Error(`operation ${operation.status}`);

      // Each replica hears review.published and drops the page, and the shared cache tells the others by pub/sub.
      let after = await request<WebProductDetails>(`${one.url}/product-details/60`);
      for (let i = 0; i < 50 && after.headers.get('x-cache') === 'HIT'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = await request<WebProductDetails>(`${one.url}/product-details/60`);
      }
      expect(after.headers.get('x-cache')).toBe('MISS');
      if (after.body.reviews.status !== 'ok') throw new Error('reviews expected');
      expect(after.body.reviews.items[0]?.id).toBe(operation.reviewId);
    });
  });

  describe('with a downstream service stopped', () => {
    it('maps connection refused to 503 for a required part', async () => {
      await stack.services.product.stop();
      // A product never fetched before: nothing cached can stand in for it.
      const { status, headers, body, text } = await request(`${bff.url}/product-details/11`);
      expect(status).toBe(503);
      expect(headers.get('content-type')).toMatch(PROBLEM);
      expect(body).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE' });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    });

    it('maps a stopped user service to 503 on the routed endpoint', async () => {
      await stack.services.user.stop();
      // A profile never fetched before: nothing cached can stand in for it.
      const { status, body } = await request(`${bff.url}/users/12`, { headers: await asUser('12') });
      expect(status).toBe(503);
      expect(body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    });
  });
});
