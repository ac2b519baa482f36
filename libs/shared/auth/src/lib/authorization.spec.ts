import { bearer, startTestApp, type TestApp } from './testing/test-app.fixture';
import { claims, hmacToken, ISSUER, MOBILE_AUDIENCE, nowSeconds, TEST_SECRET, WEB_AUDIENCE } from './testing/tokens.fixture';

describe('authorization on the web and mobile gateways', () => {
  let web: TestApp;
  let mobile: TestApp;
  const webToken = (overrides: Record<string, unknown> = {}) => hmacToken(TEST_SECRET, claims({ aud: WEB_AUDIENCE, ...overrides }));
  const mobileToken = (overrides: Record<string, unknown> = {}) => hmacToken(TEST_SECRET, claims({ aud: MOBILE_AUDIENCE, ...overrides }));

  beforeAll(async () => {
    // Both in one process, sharing issuer and secret: only the audience tells their tokens apart.
    [web, mobile] = await Promise.all([
      startTestApp({ auth: { issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET } }),
      startTestApp({ auth: { issuer: ISSUER, audience: MOBILE_AUDIENCE, hs256Secret: TEST_SECRET } }),
    ]);
  });

  afterAll(() => Promise.all([web.close(), mobile.close()]));

  describe.each([
    ['web', () => web, webToken],
    ['mobile', () => mobile, mobileToken],
  ])('%s gateway', (_name, app, token) => {
    it('serves public routes without credentials, and ignores invalid credentials sent to them', async () => {
      const anonymous = await app().fetch('/products');
      expect(anonymous.status).toBe(200);
      expect(await anonymous.json()).toMatchObject({ subject: null });
      const garbage = await app().fetch('/products', bearer('garbage'));
      expect(garbage.status).toBe(200);
      expect(await garbage.json()).toMatchObject({ subject: null });
      const expired = await app().fetch('/products', bearer(token({ exp: nowSeconds() - 60 })));
      expect(expired.status).toBe(200);
      expect(await expired.json()).toMatchObject({ subject: null });
    });

    it('still identifies a signed-in caller on a public route, for per-user limits and caching', async () => {
      const response = await app().fetch('/products', bearer(token({ sub: '42' })));
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ subject: '42' });
    });

    it('keeps liveness open', async () => {
      expect((await app().fetch('/health')).status).toBe(200);
    });

    it('answers 401 without a token and 401 with an invalid one', async () => {
      const anonymous = await app().fetch('/profile');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
      const invalid = await app().fetch('/profile', bearer(token({ exp: nowSeconds() - 60 })));
      expect(invalid.status).toBe(401);
      expect(invalid.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    });

    it('answers 403 with insufficient_scope when a scope is missing, 200 when granted', async () => {
      const forbidden = await app().fetch('/orders', { method: 'POST', ...bearer(token({ scope: 'orders:read' })) });
      expect(forbidden.status).toBe(403);
      expect(forbidden.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(forbidden.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="orders:write"');
      expect(await forbidden.json()).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'insufficient_scope' });

      const allowed = await app().fetch('/orders', { method: 'POST', ...bearer(token({ sub: '7', scope: 'orders:read orders:write' })) });
      expect(allowed.status).toBe(201);
      expect(await allowed.json()).toEqual({ orderedBy: '7' });
    });

    it('reads scopes from an scp array too', async () => {
      const allowed = await app().fetch('/orders', { method: 'POST', ...bearer(token({ scp: ['orders:write'] })) });
      expect(allowed.status).toBe(201);
    });

    it('lets a user read their own record only (object-level authorization)', async () => {
      expect((await app().fetch('/users/7', bearer(token({ sub: '7' })))).status).toBe(200);
      const other = await app().fetch('/users/8', bearer(token({ sub: '7' })));
      expect(other.status).toBe(403);
      expect(other.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="users:read:any"');
      expect(await other.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'not_owner' });
    });

    it('lets users:read:any read anyone\'s record', async () => {
      expect((await app().fetch('/users/8', bearer(token({ sub: '7', scope: 'users:read:any' })))).status).toBe(200);
    });

    it('validates the id before authorizing, so a traversal attempt is a 400 or a 403, never a lookup', async () => {
      const response = await app().fetch('/users/..%2Fadmin', bearer(token({ sub: '7', scope: 'users:read:any' })));
      expect(response.status).toBe(400);
    });

    it('hands the verified caller to the handler and to the request context', async () => {
      const response = await app().fetch('/profile', bearer(token({ sub: 'u-9', scope: 'a b', client_id: 'ios-app' })));
      expect(await response.json()).toEqual({
        user: { sub: 'u-9', scopes: ['a', 'b'], client: 'ios-app', via: 'bearer' },
        subject: 'u-9',
      });
    });
  });

  it('refuses a web token at the mobile gateway and a mobile token at the web gateway', async () => {
    const atMobile = await mobile.fetch('/profile', bearer(webToken()));
    expect(atMobile.status).toBe(401);
    expect(await atMobile.json()).toMatchObject({ reason: 'invalid_audience' });
    const atWeb = await web.fetch('/profile', bearer(mobileToken()));
    expect(atWeb.status).toBe(401);
    expect(await atWeb.json()).toMatchObject({ reason: 'invalid_audience' });
  });

  it('refuses an asymmetric algorithm when configured with a secret', async () => {
    const token = webToken();
    const [, payload, signature] = token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
    const response = await web.fetch('/profile', bearer(`${header}.${payload}.${signature}`));
    expect(await response.json()).toMatchObject({ reason: 'unsupported_algorithm' });
  });

  it('refuses a token signed with another secret', async () => {
    const response = await web.fetch('/profile', bearer(hmacToken('another-secret-that-is-long-enough-to-pass', claims())));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: 'invalid_signature' });
  });
});
