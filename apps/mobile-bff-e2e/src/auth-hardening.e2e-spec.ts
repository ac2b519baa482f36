import { AppProcess, rawRequest, TestAuth, workspaceRoot } from '@bff/testing';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

const USER = { id: '1', name: 'Ada Lovelace', email: 'ada@example.com', address: { line1: 'x', city: 'y', postalCode: 'z', country: 'GB' } };

/** What a start attempt printed before it ended; `started` when the app came up after all. */
async function startAttempt(env: Record<string, string | undefined>): Promise<string> {
  try {
    const app = await AppProcess.start('mobile-bff', env);
    await app.stop();
    return 'started';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The user service, reduced to user 1: enough for `GET /users/1` to answer 200 once the caller is authenticated. */
async function startUserService(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url === '/users/1') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(USER));
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('mobile-bff authentication fails closed', () => {
  describe('at start-up', () => {
    const CASES: [label: string, env: Record<string, string | undefined>, variables: string[]][] = [
      ['no auth variable at all (NODE_ENV unset)', { AUTH_MODE: undefined, NODE_ENV: undefined }, ['AUTH_JWKS_URL', 'AUTH_HS256_SECRET', 'AUTH_MODE']],
      ['no auth variable at all (NODE_ENV=test)', { AUTH_MODE: undefined, NODE_ENV: 'test' }, ['AUTH_JWKS_URL', 'AUTH_HS256_SECRET', 'AUTH_MODE']],
      ['AUTH_MODE=development on HOST=0.0.0.0', { AUTH_MODE: 'development', HOST: '0.0.0.0' }, ['AUTH_MODE']],
      ['AUTH_MODE=development on HOST=::', { AUTH_MODE: 'development', HOST: '::' }, ['AUTH_MODE']],
    ];
    const outcomes = new Map<string, string>();

    beforeAll(async () => {
      const ended = await Promise.all(CASES.map(([, env]) => startAttempt(env)));
      CASES.forEach(([label], i) => outcomes.set(label, ended[i] ?? ''));
    });

    it.each(CASES)('refuses to start with %s: exits non-zero, naming the variables', (label, _env, variables) => {
      const outcome = outcomes.get(label) ?? '';
      expect(outcome).toMatch(/exited \([1-9]\d*\) before it was ready/);
      expect(outcome).toMatch(/FATAL.*Invalid configuration/);
      for (const variable of variables) expect(outcome).toContain(variable);
    });
  });

  describe('on the development key (AUTH_MODE=development, loopback)', () => {
    let users: Server;
    let bff: AppProcess;

    beforeAll(async () => {
      users = await startUserService();
      bff = await AppProcess.start('mobile-bff', {
        AUTH_MODE: 'development',
        USER_SERVICE_URL: `http://127.0.0.1:${(users.address() as AddressInfo).port}`,
        RESPONSE_CACHE_ENABLED: 'false',
      });
    });

    afterAll(async () => {
      await bff?.stop();
      await new Promise((resolve) => users?.close(resolve));
    });

    it('warns at start-up that anyone can mint tokens for it', () => {
      expect(bff.logs).toMatch(/WARN.*public development key \(AUTH_MODE=development\)/);
    });

    it('accepts what `npm run token` mints (an at+jwt access token)', async () => {
      const { stdout } = await promisify(execFile)(process.execPath, ['tools/scripts/token.mjs', '--client', 'mobile', '--sub', '1'], {
        cwd: workspaceRoot(),
        env: { PATH: process.env['PATH'] },
      });
      const response = await rawRequest(bff.url, '/users/1', { authorization: `Bearer ${stdout.trim()}` }, { localAddress: '127.0.0.1' });
      expect(response).toMatchObject({ status: 200, body: { id: '1', name: USER.name } });
    });
  });
});

describe('mobile-bff access token rules', () => {
  const auth = new TestAuth();
  let users: Server;
  /** Default rules, and a budget of 5 failed authentications per IP and minute. */
  let strict: AppProcess;
  /** Also takes typ JWT, up to 1 h lifetimes, and only the client `mobile-app`. */
  let configured: AppProcess;
  const token = (claims: Partial<Parameters<TestAuth['token']>[0]> = {}) => auth.token({ sub: '1', audience: 'mobile-bff', ...claims });
  const profile = async (bff: AppProcess, from: string, bearer: string) =>
    rawRequest(bff.url, '/users/1', { authorization: `Bearer ${bearer}` }, { localAddress: from });

  beforeAll(async () => {
    users = await startUserService();
    const common = {
      ...auth.env(),
      USER_SERVICE_URL: `http://127.0.0.1:${(users.address() as AddressInfo).port}`,
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
    };
    [strict, configured] = await Promise.all([
      AppProcess.start('mobile-bff', { ...common, AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW_SECONDS: '60' }),
      AppProcess.start('mobile-bff', {
        ...common,
        AUTH_ACCEPTED_TOKEN_TYPES: 'at+jwt,JWT',
        AUTH_MAX_TOKEN_LIFETIME_SECONDS: '3600',
        AUTH_ALLOWED_CLIENT_IDS: 'mobile-app',
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([strict?.stop(), configured?.stop()]);
    await new Promise((resolve) => users?.close(resolve));
  });

  it('refuses a token whose typ is JWT with 401 invalid_token_type, unless AUTH_ACCEPTED_TOKEN_TYPES allows it', async () => {
    expect((await profile(strict, '127.0.0.3', await token())).status).toBe(200);
    const refused = await profile(strict, '127.0.0.3', await token({ typ: 'JWT' }));
    expect(refused).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED', reason: 'invalid_token_type' } });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await profile(configured, '127.0.0.3', await token({ typ: 'JWT', extra: { client_id: 'mobile-app' } }))).status).toBe(200);
  });

  it('refuses a lifetime over the maximum, and a token without iat', async () => {
    expect(await profile(strict, '127.0.0.3', await token({ expiresInSeconds: 86_400 + 60 }))).toMatchObject({
      status: 401,
      body: { reason: 'token_lifetime_too_long' },
    });
    expect(await profile(strict, '127.0.0.3', await token({ issuedAt: false }))).toMatchObject({
      status: 401,
      body: { reason: 'invalid_claims' },
    });
    const twoHours = await token({ expiresInSeconds: 7_200, extra: { client_id: 'mobile-app' } });
    expect(await profile(configured, '127.0.0.3', twoHours)).toMatchObject({ status: 401, body: { reason: 'token_lifetime_too_long' } });
  });

  it('takes only the allowed clients, named by client_id or azp', async () => {
    expect((await profile(configured, '127.0.0.3', await token({ extra: { client_id: 'mobile-app' } }))).status).toBe(200);
    expect((await profile(configured, '127.0.0.3', await token({ extra: { azp: 'mobile-app' } }))).status).toBe(200);
    for (const extra of [{ client_id: 'scraper' }, { azp: 'scraper' }, {}]) {
      expect(await profile(configured, '127.0.0.3', await token({ extra }))).toMatchObject({
        status: 401,
        body: { reason: 'client_not_allowed' },
      });
    }
  });

  it('answers a flood of bad tokens from one IP with 429 before checking signatures; other IPs are unaffected', async () => {
    const forged = `${(await token()).slice(0, -4)}AAAA`;
    for (let i = 0; i < 5; i += 1) {
      expect(await profile(strict, '127.0.0.2', forged)).toMatchObject({ status: 401, body: { reason: 'invalid_signature' } });
    }
    const blocked = await profile(strict, '127.0.0.2', forged);
    expect(blocked).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', reason: 'too_many_auth_failures' } });
    expect(blocked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // A good token from there is refused too: it is not even verified while the client is blocked.
    expect((await profile(strict, '127.0.0.2', await token())).status).toBe(429);
    expect((await profile(strict, '127.0.0.1', await token())).status).toBe(200);
  });
});
