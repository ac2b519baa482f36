import { createHash, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisServer } from '@bff/testing';
import { demoUsers, signIn } from '../testing/session-client.fixture';
import { startTestApp, type TestApp } from '../testing/test-app.fixture';
import { ISSUER, TEST_SECRET, WEB_AUDIENCE } from '../testing/tokens.fixture';

const REDIS_URL = 'redis://127.0.0.1:6379';

function webGateway(redisUrl: string, keyPrefix: string): Promise<TestApp> {
  return startTestApp({
    auth: { issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET },
    session: { credentials: demoUsers, redisUrl, keyPrefix, ttlSeconds: 600 },
  });
}

describe('web sessions in Redis', () => {
  const keyPrefix = `test:auth-sessions:${randomUUID()}:`;
  let redis: Redis;
  let replicaA: TestApp;
  let replicaB: TestApp;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL);
    [replicaA, replicaB] = await Promise.all([webGateway(REDIS_URL, keyPrefix), webGateway(REDIS_URL, keyPrefix)]);
  });

  afterAll(async () => {
    await Promise.all([replicaA.close(), replicaB.close()]);
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('shares a session between two replicas, and ends it on both', async () => {
    const session = await signIn(replicaA);

    const me = await replicaB.fetch('/auth/me', { headers: { cookie: session.cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ sub: '1', via: 'session', scopes: [], csrfToken: session.csrfToken });

    const write = await replicaB.fetch('/wishlist', {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(write.status).toBe(201);

    const logout = await replicaB.fetch('/auth/logout', {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(logout.status).toBe(204);
    expect((await replicaA.fetch('/auth/me', { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  const storageKeyOf = (cookie: string) =>
    keyPrefix + createHash('sha256').update(cookie.split('=')[1]).digest('base64url');

  it('stores a digest of the session id under the prefix, with the session lifetime as TTL', async () => {
    const session = await signIn(replicaA, 'grace@example.com');
    const sessionId = session.cookie.split('=')[1];
    const key = storageKeyOf(session.cookie);
    const stored = await redis.get(key);
    expect(JSON.parse(stored ?? '{}')).toEqual({ sub: '2', csrfToken: session.csrfToken, createdAt: expect.any(Number) });
    const everyKey = await redis.keys(`${keyPrefix}*`);
    expect(everyKey.join(' ')).not.toContain(sessionId);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('treats a value it did not write as no session', async () => {
    const session = await signIn(replicaA);
    await redis.set(storageKeyOf(session.cookie), 'not json', 'KEEPTTL');
    const response = await replicaA.fetch('/auth/me', { headers: { cookie: session.cookie } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: 'session_expired' });
  });
});

describe('web sessions when Redis goes away', () => {
  let server: RedisServer;
  let app: TestApp;

  beforeAll(async () => {
    server = await RedisServer.start();
    app = await webGateway(server.url, 'test:auth-outage:');
  });

  afterAll(async () => {
    await app.close();
    await server.stop();
  });

  it('answers 503 problem+json quickly instead of hanging or failing with a 500', async () => {
    const session = await signIn(app);
    expect((await app.fetch('/auth/me', { headers: { cookie: session.cookie } })).status).toBe(200);
    await server.stop();

    const started = performance.now();
    const response = await app.fetch('/auth/me', { headers: { cookie: session.cookie } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    // The store gives up after its 1 s command timeout; the bound leaves a loaded machine
    // seconds and still fails a store that waits for Redis to come back.
    expect(performance.now() - started).toBeLessThan(5_000);
  }, 15_000);
});
