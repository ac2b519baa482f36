import { AppProcess, rawRequest, RedisServer, TestAuth } from '@bff/testing';
import { Redis } from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';

const SESSION_KEYS = 'bff:web:session:';
const LIMIT = 5;

const randomSessionId = () => randomBytes(32).toString('base64url');
const sessionCookie = (id = randomSessionId()) => ({ cookie: `__Host-bff_session=${id}` });
/** Where the gateway keeps a session: under the SHA-256 of its id, never the id itself. */
const sessionKey = (id: string) => SESSION_KEYS + createHash('sha256').update(id).digest('base64url');

describe('web-bff without any auth configuration', () => {
  it('refuses to start: exits non-zero naming AUTH_JWKS_URL, AUTH_HS256_SECRET and AUTH_MODE', async () => {
    const outcome = await AppProcess.start('web-bff', { AUTH_MODE: undefined }).then(
      async (app) => {
        await app.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/exited \([1-9]\d*\) before it was ready/);
    for (const variable of ['AUTH_JWKS_URL', 'AUTH_HS256_SECRET', 'AUTH_MODE']) expect(outcome).toContain(variable);
  });
});

describe('web-bff under a flood of random session cookies, with sessions in Redis', () => {
  const auth = new TestAuth();
  let redis: RedisServer;
  let monitor: Redis;
  let bff: AppProcess;
  /** The session keys Redis was asked for, in the order it ran the lookups (MONITOR keeps that order). */
  const sessionLookups: string[] = [];

  async function untilLookedUp(key: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!sessionLookups.includes(key)) {
      if (Date.now() > deadline) throw new Error(`Redis never looked up ${key}; it saw ${sessionLookups.length} session lookups`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
    // Only the MONITOR connection connects: a second one's ready check (INFO) racing the
    // switch into monitor mode reaches ioredis's parser as a reply nobody asked for.
    monitor = await new Redis(redis.url, { lazyConnect: true }).monitor();
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'get' && args[1]?.startsWith(SESSION_KEYS)) sessionLookups.push(args[1]);
    });
    bff = await AppProcess.start('web-bff', {
      ...auth.env(),
      REDIS_URL: redis.url,
      AUTH_FAILURE_LIMIT: String(LIMIT),
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
    });
  });

  afterAll(async () => {
    await bff?.stop();
    monitor?.disconnect();
    await redis?.stop();
  });

  it('answers 429 once an IP has spent its budget, without another Redis lookup; other IPs are unaffected', async () => {
    const spent = Array.from({ length: LIMIT }, randomSessionId);
    for (const id of spent) {
      const refused = await rawRequest(bff.url, '/users/1', sessionCookie(id), { localAddress: '127.0.0.2' });
      expect(refused).toMatchObject({ status: 401, body: { reason: 'session_expired' } });
    }
    await untilLookedUp(sessionKey(spent[LIMIT - 1] ?? ''));

    for (let i = 0; i < 20; i += 1) {
      const blocked = await rawRequest(bff.url, '/users/1', sessionCookie(), { localAddress: '127.0.0.2' });
      expect(blocked).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', reason: 'too_many_auth_failures' } });
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // A bearer token from the blocked IP is refused unverified as well.
    const bearer = await auth.bearer({ sub: '1', audience: 'web-bff' });
    expect((await rawRequest(bff.url, '/users/1', bearer, { localAddress: '127.0.0.2' })).status).toBe(429);

    // Another IP's cookie is still looked up, and it is the very next lookup Redis ran:
    // none of the blocked requests reached Redis.
    const other = randomSessionId();
    expect(await rawRequest(bff.url, '/users/1', sessionCookie(other), { localAddress: '127.0.0.3' })).toMatchObject({ status: 401 });
    await untilLookedUp(sessionKey(other));
    expect(sessionLookups).toEqual([...spent, other].map(sessionKey));
  });
});
