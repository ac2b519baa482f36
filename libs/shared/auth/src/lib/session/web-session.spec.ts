import { ISSUER, TEST_SECRET, WEB_AUDIENCE, claims, hmacToken } from '../testing/tokens.fixture';
import { demoProfile, demoUsers, signIn } from '../testing/session-client.fixture';
import { bearer, startTestApp, type TestApp } from '../testing/test-app.fixture';

describe('web browser sessions (memory store)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      auth: { issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET },
      session: { credentials: demoUsers, ttlSeconds: 3_600, profile: demoProfile },
    });
  });

  afterAll(() => app.close());

  const login = (body: unknown, contentType = 'application/json') =>
    app.fetch('/auth/login', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  describe('POST /auth/login', () => {
    it('sets a __Host- session cookie that is HttpOnly, Secure, SameSite=Strict and Path=/, and returns only a CSRF token', async () => {
      const response = await login({ email: 'ada@example.com', password: 'demo-password' });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const cookies = response.headers.getSetCookie();
      expect(cookies).toHaveLength(1);
      const [nameValue, ...attributes] = cookies[0].split(/;\s*/);
      expect(nameValue).toMatch(/^__Host-bff_session=[A-Za-z0-9_-]{43}$/);
      expect(attributes).toEqual(expect.arrayContaining(['Max-Age=3600', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Strict']));
      expect(attributes.some((attribute) => /^Domain=/i.test(attribute))).toBe(false);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toEqual({ sub: '1', csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
      // The browser never sees anything it could replay elsewhere: no token, no session id.
      expect(JSON.stringify(body)).not.toContain(nameValue.split('=')[1]);
    });

    it('accepts the email in any case and with surrounding spaces', async () => {
      expect((await login({ email: '  Ada@Example.com ', password: 'demo-password' })).status).toBe(200);
    });

    it('answers an unknown user and a wrong password identically', async () => {
      const unknown = await login({ email: 'nobody@example.com', password: 'demo-password' });
      const wrong = await login({ email: 'ada@example.com', password: 'not-the-password' });
      for (const response of [unknown, wrong]) {
        expect(response.status).toBe(401);
        expect(response.headers.getSetCookie()).toEqual([]);
      }
      expect(unknown.headers.get('www-authenticate')).toBe(wrong.headers.get('www-authenticate'));
      expect(await unknown.json()).toEqual(await wrong.json());
    });

    it.each([
      ['a missing password', { email: 'ada@example.com' }],
      ['a non-email', { email: 'ada', password: 'x' }],
      ['a non-string password', { email: 'ada@example.com', password: 1 }],
      ['a JSON string', '"ada@example.com"'],
    ])('answers 400 problem+json for %s', async (_label, body) => {
      const response = await login(body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ code: 'BAD_REQUEST' });
    });

    it.each([
      ['an HTML form', 'email=ada%40example.com&password=demo-password', 'application/x-www-form-urlencoded'],
      ['a text/plain body', JSON.stringify({ email: 'ada@example.com', password: 'demo-password' }), 'text/plain'],
    ])('refuses %s, which another site could post without a preflight', async (_label, body, contentType) => {
      const response = await login(body, contentType);
      expect(response.status).toBe(415);
      expect(response.headers.getSetCookie()).toEqual([]);
    });

    it('replaces the session the browser already had', async () => {
      const first = await signIn(app);
      const second = await app.fetch('/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: first.cookie },
        body: JSON.stringify({ email: 'grace@example.com', password: 'demo-password' }),
      });
      expect(second.status).toBe(200);
      expect(second.headers.getSetCookie()[0]).not.toContain(first.cookie);
      expect((await app.fetch('/auth/me', { headers: { cookie: first.cookie } })).status).toBe(401);
    });
  });

  describe('requests authenticated by the cookie', () => {
    it('GET /auth/me returns the signed-in user, their profile and the CSRF token', async () => {
      const session = await signIn(app);
      const response = await app.fetch('/auth/me', { headers: { cookie: session.cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({
        sub: '1',
        via: 'session',
        scopes: [],
        csrfToken: session.csrfToken,
        profile: { id: '1', name: 'Ada Lovelace' },
      });
    });

    it('serves safe methods without the CSRF header', async () => {
      const session = await signIn(app);
      const response = await app.fetch('/profile', { headers: { cookie: session.cookie } });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ user: { sub: '1', via: 'session' }, subject: '1' });
    });

    it.each([
      ['without the CSRF header', undefined],
      ['with a wrong CSRF token', 'A'.repeat(43)],
      ['with an empty CSRF token', ''],
    ])('answers a state-changing request %s with 403', async (_label, csrf) => {
      const session = await signIn(app);
      const response = await app.fetch('/wishlist', {
        method: 'POST',
        headers: { cookie: session.cookie, ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({ code: 'FORBIDDEN', reason: 'csrf_token_invalid' });
    });

    it('accepts a state-changing request that carries the CSRF token', async () => {
      const session = await signIn(app);
      const response = await app.fetch('/wishlist', {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ owner: '1' });
    });

    it('does not accept another session\'s CSRF token', async () => {
      const [ada, grace] = [await signIn(app), await signIn(app, 'grace@example.com')];
      const response = await app.fetch('/wishlist', {
        method: 'POST',
        headers: { cookie: ada.cookie, 'x-csrf-token': grace.csrfToken },
      });
      expect(response.status).toBe(403);
    });

    it('applies object-level authorization and scopes to session users too', async () => {
      const session = await signIn(app);
      expect((await app.fetch('/users/1', { headers: { cookie: session.cookie } })).status).toBe(200);
      expect((await app.fetch('/users/2', { headers: { cookie: session.cookie } })).status).toBe(403);
      const order = await app.fetch('/orders', {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      expect(order.status).toBe(403);
    });

    it('answers 401 for a session id nobody issued', async () => {
      const response = await app.fetch('/auth/me', { headers: { cookie: `__Host-bff_session=${'x'.repeat(43)}` } });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: 'session_expired' });
    });

    it('still refuses a token in the query string', async () => {
      const session = await signIn(app);
      const response = await app.fetch('/profile?access_token=abc', { headers: { cookie: session.cookie } });
      expect(response.status).toBe(401);
    });
  });

  describe('POST /auth/logout', () => {
    it('needs the CSRF token, then ends the session and clears the cookie', async () => {
      const session = await signIn(app);
      expect((await app.fetch('/auth/logout', { method: 'POST', headers: { cookie: session.cookie } })).status).toBe(403);

      const response = await app.fetch('/auth/logout', {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      });
      expect(response.status).toBe(204);
      const [cleared] = response.headers.getSetCookie();
      expect(cleared).toMatch(/^__Host-bff_session=;/);
      expect(cleared).toContain('Max-Age=0');
      expect(cleared).toContain('Secure');

      const after = await app.fetch('/auth/me', { headers: { cookie: session.cookie } });
      expect(after.status).toBe(401);
    });
  });

  describe('bearer tokens next to sessions', () => {
    const token = () => hmacToken(TEST_SECRET, claims({ sub: '5', scope: 'orders:write' }));

    it('keep working for API callers', async () => {
      const me = await app.fetch('/auth/me', bearer(token()));
      expect(await me.json()).toEqual({
        sub: '5',
        via: 'bearer',
        scopes: ['orders:write'],
        profile: { id: '5', name: 'Someone Else' },
      });
      expect((await app.fetch('/orders', { method: 'POST', ...bearer(token()) })).status).toBe(201);
    });

    it('win over a cookie, so no CSRF token is needed with one', async () => {
      const session = await signIn(app);
      const response = await app.fetch('/orders', {
        method: 'POST',
        headers: { cookie: session.cookie, authorization: `Bearer ${token()}` },
      });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({ orderedBy: '5' });
    });

    it('are anonymous 401s without either', async () => {
      const response = await app.fetch('/auth/me');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
    });
  });
});
