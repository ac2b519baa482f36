import { AppProcess, RedisServer, TestAuth, deleteAmqpTopology, freePort, request, uniqueAmqpPrefix } from '@bff/testing';
import type { WebMe, WebUser } from '@bff/web-contracts';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

const PASSWORD = 'right-password';
/** Review commands of this suite's processes stay on queues of its own. */
const AMQP_QUEUE_PREFIX = uniqueAmqpPrefix();
const PROBLEM = /^application\/problem\+json/;

/** The contract of a user: what the fake service sends, minus the fields a browser must never see. */
const webUser = (id: string): WebUser => ({
  id,
  name: `User ${id}`,
  email: `user${id}@example.com`,
  address: { line1: `${id} Main St`, city: 'London', postalCode: 'N1 9GU', country: 'GB' },
  createdAt: '2024-01-01T00:00:00.000Z',
});

/**
 * A user service of the suite's own, on a real port: users `user<N>@example.com`
 * with one password, and a user object carrying fields that are not in the web
 * contract (as a downstream service may add any day). `failCredentials` makes
 * the credentials endpoint answer 503, as an overwhelmed password hasher would.
 */
class FakeUserService {
  failCredentials = false;
  credentialChecks = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeUserService> {
    const server = createServer();
    const service = new FakeUserService(server);
    server.on('request', (req, res) => service.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const user = /^\/users\/(\d+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && user) {
        const base = webUser(user[1]);
        return json(res, 200, {
          ...base,
          passwordHash: 'scrypt$16384$8$1$c2FsdA$ZGlnZXN0',
          internalFlags: ['fraud-review'],
          address: { ...base.address, geo: { lat: 51.53, lon: -0.1 } },
        });
      }
      if (req.method === 'POST' && req.url === '/credentials/verify') {
        this.credentialChecks++;
        if (this.failCredentials) return json(res, 503, { status: 503, title: 'Service Unavailable' });
        const { email, password } = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<
          string,
          string
        >;
        const id = /^user(\d+)@example\.com$/.exec(email ?? '')?.[1];
        if (id !== undefined && password === PASSWORD) return json(res, 200, { userId: id });
        return json(res, 401, { status: 401, title: 'Unauthorized' });
      }
      json(res, 404, { status: 404 });
    });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * One HTTP request sent from a loopback address of the caller's choosing (Linux
 * routes all of 127.0.0.0/8 to the loopback interface), so the gateway sees a
 * distinct client IP on the socket itself, with no proxy header involved.
 */
function from(
  sourceIp: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  const { hostname, port, pathname } = new URL(url);
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: hostname,
        port,
        path: pathname,
        method: init.method ?? 'GET',
        localAddress: sourceIp,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface Session {
  cookie: string;
  csrfToken: string;
}

describe('web-bff under abuse of the login and write paths', () => {
  let users: FakeUserService;
  let product: AppProcess;
  let review: AppProcess;
  const auth = new TestAuth();
  const started: AppProcess[] = [];

  /** A web BFF in front of the fake user service and the real product and review services. */
  const gateway = async (env: Record<string, string> = {}) => {
    const bff = await AppProcess.start('web-bff', {
      PRODUCT_SERVICE_URL: product.url,
      REVIEW_SERVICE_URL: review.url,
      INVENTORY_SERVICE_URL: `http://127.0.0.1:${await freePort()}`,
      USER_SERVICE_URL: users.url,
      AMQP_QUEUE_PREFIX,
      ...auth.env(),
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      ...env,
    });
    started.push(bff);
    return bff;
  };

  const login = (bff: AppProcess, sourceIp: string, email: string, password = PASSWORD) =>
    from(sourceIp, `${bff.url}/auth/login`, { method: 'POST', body: { email, password } });

  const signIn = async (bff: AppProcess, id: string, sourceIp = '127.0.0.1'): Promise<Session> => {
    const response = await login(bff, sourceIp, `user${id}@example.com`);
    expect(response.status).toBe(200);
    const setCookie = response.headers['set-cookie']?.[0] ?? '';
    return { cookie: setCookie.split(';')[0], csrfToken: String(response.body['csrfToken']) };
  };

  const me = (bff: AppProcess, session: Session) =>
    request<WebMe>(`${bff.url}/auth/me`, { headers: { cookie: session.cookie } });

  beforeAll(async () => {
    [users, product, review] = await Promise.all([
      FakeUserService.start(),
      AppProcess.start('product-service'),
      AppProcess.start('review-service', { AMQP_QUEUE_PREFIX }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(started.map((app) => app.stop()));
    await Promise.all([users?.stop(), product?.stop(), review?.stop()]);
    await deleteAmqpTopology(AMQP_QUEUE_PREFIX);
  });

  describe('sign-in limits', () => {
    let bff: AppProcess;

    beforeAll(async () => {
      bff = await gateway({
        RATE_LIMIT_LOGIN: 'login=5/1m',
        RATE_LIMIT_LOGIN_IP: 'login-ip=6/1m',
        RATE_LIMIT_LOGIN_ACCOUNT: 'login-account=4/1m',
      });
    });

    it('refuses one address trying one password against many accounts (per-IP tier)', async () => {
      const statuses: number[] = [];
      let refused: Reply | undefined;
      for (let i = 0; i < 8; i++) {
        const response = await login(bff, '127.0.0.2', `sprayed${i}@example.com`, 'Summer2026!');
        statuses.push(response.status);
        if (response.status === 429) refused ??= response;
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
      expect(refused?.headers['content-type']).toMatch(PROBLEM);
      expect(refused?.headers['retry-after']).toBeDefined();
      expect(refused?.body).toMatchObject({ code: 'RATE_LIMITED', violatedPolicies: ['login-ip'] });
      // Only the sprayer is stopped: another address signs in to one of those accounts.
      expect((await login(bff, '127.0.0.3', 'sprayed0@example.com')).status).toBe(401);
      expect((await login(bff, '127.0.0.3', 'user1@example.com')).status).toBe(200);
    });

    it('refuses many addresses guessing at one account (per-account tier, whatever the IP)', async () => {
      const statuses: number[] = [];
      let refused: Reply | undefined;
      for (let i = 10; i < 16; i++) {
        const response = await login(bff, `127.0.0.${i}`, 'User7@Example.com', `guess-${i}`);
        statuses.push(response.status);
        if (response.status === 429) refused ??= response;
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      expect(refused?.body).toMatchObject({ code: 'RATE_LIMITED', violatedPolicies: ['login-account'] });
      // The account is shielded, not the addresses: they may still sign in to other accounts.
      expect((await login(bff, '127.0.0.15', 'user8@example.com')).status).toBe(200);
    });
  });

  describe('the user service behind a login flood', () => {
    it('keeps serving profiles while failing credential checks open only the sign-in breaker', async () => {
      const bff = await gateway({
        RATE_LIMIT_LOGIN: 'login=1000/1m',
        RATE_LIMIT_LOGIN_IP: 'login-ip=1000/1m',
        RATE_LIMIT_LOGIN_ACCOUNT: 'login-account=1000/1m',
        USER_SERVICE_BREAKER_MIN_REQUESTS: '5',
        USER_SERVICE_BREAKER_COOLDOWN_MS: '600000',
      });
      users.failCredentials = true;
      try {
        const flood = await Promise.all(
          Array.from({ length: 30 }, (_, i) => login(bff, '127.0.0.20', `flood${i}@example.com`, 'guess')),
        );
        expect(flood.every((response) => response.status === 502 || response.status === 503)).toBe(true);
        // The sign-in breaker opened: later attempts fail fast without reaching the service.
        const checks = users.credentialChecks;
        const fastFail = await login(bff, '127.0.0.20', 'flood-last@example.com', 'guess');
        expect(fastFail.status).toBe(503);
        expect(fastFail.body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'circuit-open' });
        expect(users.credentialChecks).toBe(checks);

        const profile = await request<WebUser>(`${bff.url}/users/1`, {
          headers: await auth.bearer({ sub: '1', audience: 'web-bff' }),
        });
        expect(profile.status).toBe(200);
        expect(profile.body).toEqual(webUser('1'));
      } finally {
        users.failCredentials = false;
      }
    });
  });

  describe('the web contract of a user', () => {
    let bff: AppProcess;

    beforeAll(async () => {
      bff = await gateway();
    });

    it('GET /users/:userId returns the contract only, whatever else the user service sends', async () => {
      const { status, body, text } = await request<WebUser>(`${bff.url}/users/3`, {
        headers: await auth.bearer({ sub: '3', audience: 'web-bff' }),
      });
      expect(status).toBe(200);
      expect(body).toEqual(webUser('3'));
      expect(text).not.toMatch(/passwordHash|internalFlags|geo|scrypt/);
    });

    it('GET /auth/me returns the contract as the profile', async () => {
      const session = await signIn(bff, '4');
      const { status, body, text } = await me(bff, session);
      expect(status).toBe(200);
      expect(body).toEqual({
        sub: '4',
        via: 'session',
        scopes: ['reviews:write'],
        csrfToken: session.csrfToken,
        profile: webUser('4'),
      });
      expect(text).not.toMatch(/passwordHash|internalFlags|geo|scrypt/);
    });
  });

  describe('review writes', () => {
    let bff: AppProcess;
    const draft = { rating: 4, title: 'Fine', body: 'Does what it says.' };
    const post = (headers: Record<string, string>, productId = '5') =>
      request(`${bff.url}/products/${productId}/reviews`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(draft),
      });

    beforeAll(async () => {
      bff = await gateway({ RATE_LIMIT_REVIEW_WRITES: 'review-writes=2/1m' });
    });

    it('need the scope reviews:write on a bearer token', async () => {
      const without = await post(await auth.bearer({ sub: '5', audience: 'web-bff' }));
      expect(without.status).toBe(403);
      expect(without.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
      const granted = await post(
        await auth.bearer({ sub: '5', audience: 'web-bff', scopes: ['reviews:write'] }),
      );
      expect(granted.status).toBe(202);
    });

    it('are open to a browser session, which carries the scope, and limited per user', async () => {
      const session = await signIn(bff, '6');
      const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
      const statuses = [(await post(headers, '6')).status, (await post(headers, '6')).status];
      const third = await post(headers, '6');
      expect([...statuses, third.status]).toEqual([202, 202, 429]);
      expect(third.body).toMatchObject({ code: 'RATE_LIMITED', violatedPolicies: ['review-writes'] });
      // Another user's quota is their own.
      const other = await signIn(bff, '9');
      expect((await post({ cookie: other.cookie, 'x-csrf-token': other.csrfToken }, '6')).status).toBe(202);
    });
  });

  describe.each([
    ['in memory', async () => ({ env: {}, stop: () => Promise.resolve() })],
    [
      'in Redis',
      async () => {
        // A Redis of this suite's own: the gateway's session, limit and cache keys go nowhere shared.
        const redis = await RedisServer.start();
        return { env: { REDIS_URL: redis.url }, stop: () => redis.stop() };
      },
    ],
  ])('sessions %s', (_label, backing) => {
    let bff: AppProcess;
    let stopBacking: () => Promise<void>;

    beforeAll(async () => {
      const { env, stop } = await backing();
      stopBacking = stop;
      bff = await gateway({
        ...env,
        SESSION_MAX_PER_USER: '3',
        SESSION_MAX_TOTAL: '6',
        RATE_LIMIT_LOGIN: 'login=1000/1m',
        RATE_LIMIT_LOGIN_IP: 'login-ip=1000/1m',
      });
    });

    afterAll(async () => {
      await bff?.stop();
      await stopBacking?.();
    });

    it("end a user's oldest session beyond SESSION_MAX_PER_USER, and no one else's", async () => {
      const bystander = await signIn(bff, '20');
      const sessions: Session[] = [];
      for (let i = 0; i < 5; i++) sessions.push(await signIn(bff, '21'));
      const statuses = await Promise.all(sessions.map(async (session) => (await me(bff, session)).status));
      expect(statuses).toEqual([401, 401, 200, 200, 200]);
      expect((await me(bff, bystander)).status).toBe(200);
    });

    it("refuse a sign-in once SESSION_MAX_TOTAL sessions are open, instead of ending anyone else's", async () => {
      // Four sessions are open from the test before (users 20 and 21); two more fill the store.
      const held = [await signIn(bff, '22'), await signIn(bff, '23')];
      const refused = await login(bff, '127.0.0.1', 'user24@example.com');
      expect(refused.status).toBe(503);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.headers['retry-after']).toBe('60');
      expect(refused.headers['set-cookie']).toBeUndefined();
      expect(refused.body).toMatchObject({ code: 'OVERLOADED', reason: 'session-capacity' });
      for (const session of held) expect((await me(bff, session)).status).toBe(200);

      // A user signing in again ends their own oldest session to make room, so they are never locked out.
      const again = await signIn(bff, '21');
      expect((await me(bff, again)).status).toBe(200);

      // A sign-out frees a place for someone else.
      const logout = await request(`${bff.url}/auth/logout`, {
        method: 'POST',
        headers: { cookie: held[0].cookie, 'x-csrf-token': held[0].csrfToken },
      });
      expect(logout.status).toBe(204);
      expect((await login(bff, '127.0.0.1', 'user24@example.com')).status).toBe(200);
    });
  });
});
