import { Controller, Get } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import { request } from '@bff/testing';
import { startThrottledApp, ThrottledApp, withThrottledApp } from '../test/throttled-app';
import { RateLimitTier } from './rate-limit.decorators';

const as = (subject: string, headers: Record<string, string> = {}) => ({
  headers: { 'x-test-subject': subject, ...headers },
});

/** The statuses of `times` requests to `url` sent one after another; `init` may vary with the request's index. */
async function statuses(
  url: string,
  times: number,
  init?: RequestInit | ((index: number) => RequestInit),
): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < times; i++)
    result.push((await request(url, typeof init === 'function' ? init(i) : init)).status);
  return result;
}

describe('RateLimitGuard', () => {
  let app: ThrottledApp;

  beforeAll(async () => {
    app = await startThrottledApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('sends RateLimit-Policy and RateLimit on an accepted response', async () => {
    const response = await request(`${app.url}/items`, as('headers'));
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-policy')).toBe('"burst";q=5;w=10, "minute";q=8;w=60');
    expect(response.headers.get('ratelimit')).toBe('"burst";r=4;t=2, "minute";r=7;t=8');
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('answers 429 problem+json with Retry-After once a policy is spent, still with the RateLimit headers', async () => {
    expect(await statuses(`${app.url}/items`, 5, as('eager'))).toEqual([200, 200, 200, 200, 200]);
    const refused = await request(`${app.url}/items`, as('eager'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('ratelimit')).toBe('"burst";r=0;t=2, "minute";r=3;t=8');
    expect(refused.body).toEqual({
      type: 'urn:bff:problem:rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: 'Too many requests; retry in 2 s.',
      instance: '/items',
      code: 'RATE_LIMITED',
      retryAfterSeconds: 2,
      violatedPolicies: ['burst'],
    });
  });

  it('limits two users independently, even from one address', async () => {
    expect(await statuses(`${app.url}/items`, 6, as('alice'))).toEqual([200, 200, 200, 200, 200, 429]);
    const bob = await request(`${app.url}/items`, as('bob'));
    expect(bob.status).toBe(200);
    expect(bob.headers.get('ratelimit')).toMatch(/^"burst";r=4;/);
  });

  it('never limits the health route, the metrics route or a route marked @SkipRateLimit', async () => {
    for (const path of ['/health', '/metrics', '/public']) {
      const responses = await Promise.all(Array.from({ length: 12 }, () => request(`${app.url}${path}`)));
      expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
      expect(responses.some((response) => response.headers.has('ratelimit'))).toBe(false);
    }
  });

  it('never limits a route marked @InfrastructureRoute(), by the marker rather than its path', async () => {
    const unlisted = await startThrottledApp({ skipRoutes: [] });
    try {
      const responses = await Promise.all(
        Array.from({ length: 12 }, () => request(`${unlisted.url}/metrics`)),
      );
      expect(responses.map((response) => response.status)).toEqual(Array(12).fill(200));
      expect(responses.some((response) => response.headers.has('ratelimit'))).toBe(false);
    } finally {
      await unlisted.close();
    }
  });

  it('charges the login tier per address and username', async () => {
    const login = (username: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'guess' }),
    });
    expect(await statuses(`${app.url}/login`, 3, login('carol'))).toEqual([201, 201, 201]);
    const fourth = await request(`${app.url}/login`, login(' Carol'));
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('ratelimit-policy')).toBe('"login";q=3;w=60');
    expect(fourth.headers.get('retry-after')).toBe('20');
    expect((await request(`${app.url}/login`, login('dave'))).status).toBe(201);
  });

  describe('with stacked tiers', () => {
    const signIn = (caller: string, username: string) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-subject': caller },
      body: JSON.stringify({ username, password: 'guess' }),
    });
    const attempts = async (tries: [caller: string, username: string][]) => {
      const result: { status: number; violated?: string[] }[] = [];
      for (const [caller, username] of tries) {
        const response = await request<{ violatedPolicies?: string[] }>(
          `${app.url}/sign-in`,
          signIn(caller, username),
        );
        result.push({ status: response.status, violated: response.body.violatedPolicies });
      }
      return result;
    };

    it('sends every tier of the route in RateLimit-Policy and RateLimit', async () => {
      const response = await request(`${app.url}/sign-in`, signIn('headers', 'headers'));
      expect(response.status).toBe(201);
      expect(response.headers.get('ratelimit-policy')).toBe(
        '"login";q=3;w=60, "login-ip";q=4;w=60, "login-account";q=5;w=60',
      );
      expect(response.headers.get('ratelimit')).toBe(
        '"login";r=2;t=20, "login-ip";r=3;t=15, "login-account";r=4;t=12',
      );
    });

    it('stops one caller trying one password against many accounts (the per-caller tier)', async () => {
      const spray = await attempts(
        ['u1', 'u2', 'u3', 'u4', 'u5'].map((user) => ['sprayer', `spray-${user}`]),
      );
      expect(spray.map((attempt) => attempt.status)).toEqual([201, 201, 201, 201, 429]);
      expect(spray[4].violated).toEqual(['login-ip']);
      expect((await attempts([['bystander', 'spray-u5']]))[0].status).toBe(201);
    });

    it('stops many callers guessing one account (the per-account tier, whoever asks)', async () => {
      const siege = await attempts(
        ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((caller) => [`siege-${caller}`, 'victim']),
      );
      expect(siege.map((attempt) => attempt.status)).toEqual([201, 201, 201, 201, 201, 429]);
      expect(siege[5].violated).toEqual(['login-account']);
      expect((await attempts([['siege-c6', 'someone-else']]))[0].status).toBe(201);
    });

    it('does not charge the wider tiers for a request a narrower one refused', async () => {
      const hammering = await attempts(
        Array.from({ length: 5 }, () => ['hammer', 'target'] as [string, string]),
      );
      expect(hammering.map((attempt) => attempt.status)).toEqual([201, 201, 201, 429, 429]);
      expect(hammering[3].violated).toEqual(['login']);
      // Three attempts reached the per-account tier, so two of its five remain.
      const others = await attempts([
        ['other-1', 'target'],
        ['other-2', 'target'],
        ['other-3', 'target'],
      ]);
      expect(others.map((attempt) => attempt.status)).toEqual([201, 201, 429]);
    });
  });

  it("applies a controller's tier to its routes and lets a method choose its own", async () => {
    expect(await statuses(`${app.url}/reports`, 3, as('erin'))).toEqual([200, 200, 429]);
    const daily = await request(`${app.url}/reports/daily`, as('erin'));
    expect(daily.status).toBe(200);
    expect(daily.headers.get('ratelimit-policy')).toBe('"burst";q=5;w=10, "minute";q=8;w=60');
  });

  it('keeps the RateLimit headers on an error response of a limited route', async () => {
    const broken = await request(`${app.url}/broken`, as('frank'));
    expect(broken.status).toBe(503);
    expect(broken.headers.get('ratelimit')).toMatch(/^"burst";r=4;t=2, "minute";r=7;t=8$/);
  });

  it('counts accepted and refused requests', async () => {
    const before = { ...app.metrics };
    await statuses(`${app.url}/reports`, 3, as('grace'));
    expect(app.metrics.allowed - before.allowed).toBe(2);
    expect(app.metrics.limited - before.limited).toBe(1);
  });

  it("counts each tier's decisions under the tier's name", async () => {
    const before = { ...app.metrics.tiers.get('strict') };
    await statuses(`${app.url}/reports`, 3, as('heidi'));
    const after = app.metrics.tiers.get('strict');
    expect((after?.allowed ?? 0) - (before.allowed ?? 0)).toBe(2);
    expect((after?.limited ?? 0) - (before.limited ?? 0)).toBe(1);
  });
});

describe('RateLimitGuard behind proxies', () => {
  const spoofed = (forwardedFor: string) => ({ headers: { 'x-forwarded-for': forwardedFor } });

  it('ignores X-Forwarded-For when no proxy is trusted, so a spoofed header does not change the bucket', async () => {
    await withThrottledApp({ trustedProxies: [] }, {}, async (app) => {
      const results = await statuses(`${app.url}/items`, 6, (i) => spoofed(`203.0.113.${i}`));
      expect(results).toEqual([200, 200, 200, 200, 200, 429]);
    });
  });

  it('keys by the entry the trusted proxy added, whatever the client put before it', async () => {
    await withThrottledApp({ trustedProxies: ['127.0.0.1'] }, {}, async (app) => {
      const fromClient = (forged: string) => spoofed(`${forged}, 198.51.100.7`);
      const results = await statuses(`${app.url}/items`, 6, (i) => fromClient(`10.0.0.${i}`));
      expect(results).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await request(`${app.url}/items`, spoofed('198.51.100.8'))).status).toBe(200);
    });
  });

  it('ignores X-Forwarded-For from a client that is not one of the trusted proxies', async () => {
    // Proxies are trusted, but this client reaches the app directly (from loopback).
    await withThrottledApp({ trustedProxies: ['10.0.0.0/8', '2001:db8::/32'] }, {}, async (app) => {
      const results = await statuses(`${app.url}/items`, 6, (i) => spoofed(`203.0.113.${i}`));
      expect(results).toEqual([200, 200, 200, 200, 200, 429]);
    });
  });

  it('walks back through every trusted proxy to the client the outermost one saw', async () => {
    await withThrottledApp({ trustedProxies: ['127.0.0.1', '10.0.0.0/8'] }, {}, async (app) => {
      const viaTwoProxies = (forged: string) => spoofed(`${forged}, 198.51.100.9, 10.1.2.3`);
      const results = await statuses(`${app.url}/items`, 6, (i) => viaTwoProxies(`192.0.2.${i}`));
      expect(results).toEqual([200, 200, 200, 200, 200, 429]);
    });
  });

  it('keys IPv6 clients by their /64, which one client controls entirely', async () => {
    await withThrottledApp({ trustedProxies: ['127.0.0.1'] }, {}, async (app) => {
      const results = await statuses(`${app.url}/items`, 6, (i) => spoofed(`2001:db8:1:2::${i + 1}`));
      expect(results).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await request(`${app.url}/items`, spoofed('2001:db8:1:3::1'))).status).toBe(200);
    });
  });
});

describe('ThrottlingModule wiring', () => {
  @Controller('typo')
  class TypoController {
    @Get()
    @RateLimitTier('logn')
    get() {
      return {};
    }
  }

  it('refuses to start when a route names a tier that is not configured', async () => {
    await expect(startThrottledApp({}, { controllers: [TypoController] })).rejects.toThrow(
      /TypoController\.get -> "logn"/,
    );
  });

  it('charges each request once as the limit stage of a gateway pipeline, after the identify stage', async () => {
    await withThrottledApp({}, { pipeline: true }, async (app) => {
      expect(await statuses(`${app.url}/items`, 6, as('judith'))).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await request(`${app.url}/items`, as('karl'))).status).toBe(200);
    });
  });

  it('refuses to start when the app registers the guard in its pipeline and the module registers it too', async () => {
    await expect(startThrottledApp({}, { pipeline: true, globalGuard: true })).rejects.toThrow(
      /RateLimitGuard is registered as a global guard twice/,
    );
  });

  it('sees the subject verified by a guard of a module imported before it', async () => {
    await withThrottledApp({}, { authModule: true }, async (app) => {
      expect(await statuses(`${app.url}/items`, 6, as('henry'))).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await request(`${app.url}/items`, as('iris'))).status).toBe(200);
    });
  });
});

describe("@nestjs/throttler's @SkipThrottle()", () => {
  @Controller('stock')
  class StockDecoratorsController {
    @Get('unlimited')
    @SkipThrottle()
    unlimited() {
      return {};
    }

    @Get('one-of-two')
    @RateLimitTier('strict')
    @RateLimitTier('login')
    @SkipThrottle({ strict: true })
    oneOfTwo() {
      return {};
    }
  }

  let app: ThrottledApp;

  beforeAll(async () => {
    app = await startThrottledApp({}, { controllers: [StockDecoratorsController] });
  });

  afterAll(async () => {
    await app.close();
  });

  it('skips the default tier, and with it a route that has no other', async () => {
    expect(await statuses(`${app.url}/stock/unlimited`, 12, as('skipper'))).toEqual(Array(12).fill(200));
    expect((await request(`${app.url}/stock/unlimited`, as('skipper'))).headers.has('ratelimit')).toBe(false);
  });

  it('skips the tiers it names and charges the others', async () => {
    const response = await request(`${app.url}/stock/one-of-two`, as('picker'));
    expect(response.headers.get('ratelimit-policy')).toBe('"login";q=3;w=60');
    expect(await statuses(`${app.url}/stock/one-of-two`, 3, as('picker'))).toEqual([200, 200, 429]);
  });
});
