import { randomUUID } from 'node:crypto';
import { JwksServer } from './testing/jwks-server.fixture';
import { bearer, startTestApp, type TestApp } from './testing/test-app.fixture';
import { claims, ISSUER, signingKey, signWith, type SigningKey, WEB_AUDIENCE } from './testing/tokens.fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * A refused connection must fail the lookup at once, not at the fetch timeout; a long
 * timeout and a bound of half of it tell the two apart with seconds to spare on a loaded
 * machine.
 */
const FETCH_TIMEOUT_MS = 10_000;

describe('JWKS caching, rotation and outages', () => {
  let current: SigningKey;
  let next: SigningKey;
  let jwks: JwksServer;
  const apps: TestApp[] = [];

  async function gateway(jwksOptions: { cooldownMs?: number; timeoutMs?: number } = {}, url = jwks.url): Promise<TestApp> {
    const app = await startTestApp({ auth: { issuer: ISSUER, audience: WEB_AUDIENCE, jwksUrl: url, jwks: jwksOptions } });
    apps.push(app);
    return app;
  }

  async function status(app: TestApp, token: string): Promise<number> {
    return (await app.fetch('/profile', bearer(token))).status;
  }

  beforeAll(async () => {
    [current, next] = await Promise.all([signingKey('RS256'), signingKey('ES256')]);
  });

  beforeEach(async () => {
    jwks = await JwksServer.start([current.jwk]);
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    await jwks.stop();
  });

  it('fetches the JWKS once and then serves every token from the cache', async () => {
    const app = await gateway();
    for (let i = 0; i < 5; i += 1) expect(await status(app, await signWith(current))).toBe(200);
    expect(jwks.requests).toBe(1);
  });

  it('accepts a key rotated in after exactly one refetch', async () => {
    const app = await gateway({ cooldownMs: 100 });
    expect(await status(app, await signWith(current))).toBe(200);
    jwks.keys = [current.jwk, next.jwk];
    await sleep(150);
    expect(await status(app, await signWith(next))).toBe(200);
    expect(jwks.requests).toBe(2);
    expect(await status(app, await signWith(next))).toBe(200);
    expect(await status(app, await signWith(current))).toBe(200);
    expect(jwks.requests).toBe(2);
  });

  it('drops a key the issuer retired once the set is fetched again', async () => {
    const app = await gateway({ cooldownMs: 50 });
    expect(await status(app, await signWith(current))).toBe(200);
    jwks.keys = [next.jwk];
    await sleep(100);
    expect(await status(app, await signWith(next))).toBe(200);
    expect(await status(app, await signWith(current))).toBe(401);
  });

  it('refuses a new kid inside the cooldown without fetching again', async () => {
    const app = await gateway({ cooldownMs: 60_000 });
    expect(await status(app, await signWith(current))).toBe(200);
    jwks.keys = [current.jwk, next.jwk];
    expect(await status(app, await signWith(next))).toBe(401);
    expect(jwks.requests).toBe(1);
  });

  it('bounds JWKS requests under a flood of 1,000 random kids', async () => {
    const app = await gateway();
    const statuses: number[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      const tokens = await Promise.all(Array.from({ length: 50 }, () => signWith(current, claims(), { kid: randomUUID() })));
      statuses.push(...(await Promise.all(tokens.map((token) => status(app, token)))));
    }
    expect(statuses).toHaveLength(1_000);
    expect(new Set(statuses)).toEqual(new Set([401]));
    // The first unknown kids share one fetch; every later one falls inside the cooldown.
    expect(jwks.requests).toBe(1);
    expect(await status(app, await signWith(current))).toBe(200);
    expect(jwks.requests).toBe(1);
  }, 30_000);

  it('keeps cached keys working with the endpoint down, and refuses unknown keys without waiting out the fetch timeout', async () => {
    const app = await gateway({ cooldownMs: 50, timeoutMs: FETCH_TIMEOUT_MS });
    expect(await status(app, await signWith(current))).toBe(200);
    await jwks.stop();
    await sleep(100);
    const started = performance.now();
    expect(await status(app, await signWith(next))).toBe(401);
    expect(performance.now() - started).toBeLessThan(FETCH_TIMEOUT_MS / 2);
    expect(await status(app, await signWith(current))).toBe(200);
  });

  it('gives up on a hanging endpoint at its timeout, and cached keys keep working meanwhile', async () => {
    const app = await gateway({ cooldownMs: 50, timeoutMs: 1_000 });
    expect(await status(app, await signWith(current))).toBe(200);
    jwks.mode = 'hang';
    await sleep(100);
    const settled: string[] = [];
    const unknown = status(app, await signWith(next)).then((code) => {
      settled.push('unknown kid');
      return code;
    });
    expect(await status(app, await signWith(current))).toBe(200);
    settled.push('cached kid');

    // The endpoint never answers: only the fetch timeout can end the lookup.
    expect(await unknown).toBe(401);
    expect(settled).toEqual(['cached kid', 'unknown kid']);
    expect(jwks.requests).toBe(2);
  });

  it('refuses every token fast, with a 401 and not a 500, when the endpoint was never reachable', async () => {
    const url = jwks.url;
    await jwks.stop();
    const app = await gateway({ timeoutMs: FETCH_TIMEOUT_MS }, url);
    const started = performance.now();
    const response = await app.fetch('/profile', bearer(await signWith(current)));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: 'unknown_key' });
    expect(performance.now() - started).toBeLessThan(FETCH_TIMEOUT_MS / 2);
  });
});
