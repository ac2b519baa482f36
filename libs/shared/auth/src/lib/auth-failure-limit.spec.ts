import { rawRequest } from '@bff/testing';
import { randomBytes } from 'node:crypto';
import { SecretKeySource } from './jwt/secret.key-source';
import { MemorySessionStore } from './session/memory-session.store';
import { demoProfile, demoUsers } from './testing/session-client.fixture';
import { startTestApp, type TestApp } from './testing/test-app.fixture';
import { claims, hmacToken, ISSUER, TEST_SECRET, WEB_AUDIENCE } from './testing/tokens.fixture';

const LIMIT = 3;
const forged = () => hmacToken('not-the-gateway-secret-but-long-enough', claims());
const valid = (sub = '1') => hmacToken(TEST_SECRET, claims({ sub }));
const randomSessionCookie = () => `__Host-bff_session=${randomBytes(32).toString('base64url')}`;

/** Each test plays its own clients, told apart by their loopback address. */
describe('failed authentications, limited per client IP before any signature check or session lookup', () => {
  let app: TestApp;
  let signatureChecks: jest.SpyInstance;
  let sessionLookups: jest.SpyInstance;

  beforeAll(async () => {
    app = await startTestApp({
      auth: { issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET, failures: { limit: LIMIT, windowSeconds: 60 } },
      session: { credentials: demoUsers, ttlSeconds: 3_600, profile: demoProfile },
    });
  });

  beforeEach(() => {
    signatureChecks = jest.spyOn(SecretKeySource.prototype, 'keyFor');
    sessionLookups = jest.spyOn(MemorySessionStore.prototype, 'get');
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  const profileFrom = (ip: string, headers: Record<string, string>) => rawRequest(app.url, '/profile', headers, { localAddress: ip });

  it('answers 429 with Retry-After once a client has spent its budget on bad tokens, without checking any more signatures', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await profileFrom('127.0.0.2', { authorization: `Bearer ${forged()}` })).status).toBe(401);
    }
    expect(signatureChecks).toHaveBeenCalledTimes(LIMIT);

    const blocked = await profileFrom('127.0.0.2', { authorization: `Bearer ${forged()}` });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(blocked.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', reason: 'too_many_auth_failures' });
    const retryAfter = Number(blocked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Not even a good token is looked at from there: it is refused unverified.
    expect((await profileFrom('127.0.0.2', { authorization: `Bearer ${valid()}` })).status).toBe(429);
    expect(signatureChecks).toHaveBeenCalledTimes(LIMIT);

    // Public routes still serve that client, as anonymous.
    const publicPage = await rawRequest(app.url, '/products', { authorization: `Bearer ${valid()}` }, { localAddress: '127.0.0.2' });
    expect(publicPage).toMatchObject({ status: 200, body: { subject: null } });
    expect(signatureChecks).toHaveBeenCalledTimes(LIMIT);

    // Another client is unaffected.
    expect((await profileFrom('127.0.0.1', { authorization: `Bearer ${valid('7')}` })).status).toBe(200);
  });

  it('limits random session cookies the same way, before any session store lookup', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      const refused = await profileFrom('127.0.0.3', { cookie: randomSessionCookie() });
      expect(refused).toMatchObject({ status: 401, body: { reason: 'session_expired' } });
    }
    expect(sessionLookups).toHaveBeenCalledTimes(LIMIT);

    for (let i = 0; i < 5; i += 1) {
      expect((await profileFrom('127.0.0.3', { cookie: randomSessionCookie() })).status).toBe(429);
    }
    expect(sessionLookups).toHaveBeenCalledTimes(LIMIT);

    expect((await profileFrom('127.0.0.4', { cookie: randomSessionCookie() })).status).toBe(401);
    expect(sessionLookups).toHaveBeenCalledTimes(LIMIT + 1);
  });

  it('charges a failed token on a public route too, where it is otherwise ignored', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      expect((await rawRequest(app.url, '/products', { authorization: `Bearer ${forged()}` }, { localAddress: '127.0.0.5' })).status).toBe(200);
    }
    expect((await profileFrom('127.0.0.5', { authorization: `Bearer ${valid()}` })).status).toBe(429);
  });

  it('does not charge requests that carry no credentials, or good ones', async () => {
    for (let i = 0; i < LIMIT * 3; i += 1) {
      expect((await profileFrom('127.0.0.6', {})).status).toBe(401);
      expect((await profileFrom('127.0.0.6', { authorization: `Bearer ${valid(`u${i}`)}` })).status).toBe(200);
    }
  });
});
