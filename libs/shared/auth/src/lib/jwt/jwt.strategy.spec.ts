import passport from 'passport';
import { Strategy } from 'passport-jwt';
import { bearer, startTestApp, type TestApp } from '../testing/test-app.fixture';
import { claims, hmacToken, ISSUER, MOBILE_AUDIENCE, TEST_SECRET, WEB_AUDIENCE } from '../testing/tokens.fixture';

/** What passport's process-wide registry holds under a name (it has no public lookup). */
function registered(name: string): unknown {
  return (passport as unknown as { _strategy(name: string): unknown })._strategy(name);
}

const OTHER_SECRET = 'another-test-only-hs256-secret-of-32-characters';

describe('passport-jwt strategies registered through @nestjs/passport', () => {
  const running = new Set<TestApp>();

  async function start(audience: string, hs256Secret = TEST_SECRET, providers: Parameters<typeof startTestApp>[0]['providers'] = []) {
    const app = await startTestApp({ auth: { issuer: ISSUER, audience, hs256Secret }, providers });
    running.add(app);
    return app;
  }

  async function close(app: TestApp) {
    running.delete(app);
    await app.close();
  }

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all([...running].map(close));
  });

  describe('two gateways in one process', () => {
    let web: TestApp;
    let mobile: TestApp;

    beforeAll(async () => {
      // Same issuer and secret: only the audience, held by each gateway's own strategy, tells them apart.
      [web, mobile] = await Promise.all([
        startTestApp({ auth: { issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET } }),
        startTestApp({ auth: { issuer: ISSUER, audience: MOBILE_AUDIENCE, hs256Secret: TEST_SECRET } }),
      ]);
    });

    afterAll(() => Promise.all([web.close(), mobile.close()]));

    it('registers each gateway\'s passport-jwt strategy under a name of its own', () => {
      expect(web.strategyName).toMatch(/^bff-jwt:web-bff:\d+$/);
      expect(mobile.strategyName).toMatch(/^bff-jwt:mobile-bff:\d+$/);
      expect(registered(web.strategyName)).toBeInstanceOf(Strategy);
      expect(registered(mobile.strategyName)).toBeInstanceOf(Strategy);
      expect(registered(web.strategyName)).not.toBe(registered(mobile.strategyName));
    });

    it('authenticates each gateway\'s bearer tokens with its own strategy, which accepts only its own audience', async () => {
      const authenticate = jest.spyOn(passport, 'authenticate');
      const webToken = hmacToken(TEST_SECRET, claims({ aud: WEB_AUDIENCE }));
      const mobileToken = hmacToken(TEST_SECRET, claims({ aud: MOBILE_AUDIENCE }));

      expect((await web.fetch('/profile', bearer(webToken))).status).toBe(200);
      expect(authenticate).toHaveBeenLastCalledWith(web.strategyName, expect.anything(), expect.any(Function));
      const mobileAtWeb = await web.fetch('/profile', bearer(mobileToken));
      expect(mobileAtWeb.status).toBe(401);
      expect(await mobileAtWeb.json()).toMatchObject({ reason: 'invalid_audience' });
      expect(authenticate).toHaveBeenLastCalledWith(web.strategyName, expect.anything(), expect.any(Function));

      expect((await mobile.fetch('/profile', bearer(mobileToken))).status).toBe(200);
      expect(authenticate).toHaveBeenLastCalledWith(mobile.strategyName, expect.anything(), expect.any(Function));
      const webAtMobile = await mobile.fetch('/profile', bearer(webToken));
      expect(webAtMobile.status).toBe(401);
      expect(await webAtMobile.json()).toMatchObject({ reason: 'invalid_audience' });
      expect(authenticate).toHaveBeenLastCalledWith(mobile.strategyName, expect.anything(), expect.any(Function));

      expect(authenticate).toHaveBeenCalledTimes(4);
    });

    it.each([
      ['no Authorization header', { headers: {} }, 'missing_credentials'],
      ['a token in the query string', { headers: { authorization: 'Bearer a.b.c' }, query: { access_token: 'a.b.c' } }, 'token_in_query'],
      ['another scheme', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }, 'unsupported_scheme'],
    ])('reports %s to passport as a failure carrying its reason code', async (_label, request, reason) => {
      const outcome = await new Promise<{ user: unknown; info: unknown }>((resolve, reject) => {
        const authenticate = passport.authenticate(web.strategyName, { session: false }, (error: unknown, user: unknown, info: unknown) =>
          error ? reject(error) : resolve({ user, info }),
        ) as (request: object, response: object, next: (error?: unknown) => void) => void;
        authenticate(request, {}, reject);
      });
      expect(outcome).toEqual({ user: false, info: expect.objectContaining({ reason }) });
    });

    it('leaves public routes and anonymous requests to the global guard, without asking passport', async () => {
      const authenticate = jest.spyOn(passport, 'authenticate');
      expect((await web.fetch('/products')).status).toBe(200);
      expect((await web.fetch('/profile')).status).toBe(401);
      expect(authenticate).not.toHaveBeenCalled();
    });
  });

  it('keeps replicas with the same audience apart, and a closed one takes only its own strategy with it', async () => {
    const [first, second] = await Promise.all([start(WEB_AUDIENCE, TEST_SECRET), start(WEB_AUDIENCE, OTHER_SECRET)]);
    expect(first.strategyName).not.toBe(second.strategyName);
    const firstToken = hmacToken(TEST_SECRET, claims());
    const secondToken = hmacToken(OTHER_SECRET, claims());
    // Had the second replaced the first in the registry, each would accept the other's tokens.
    expect((await first.fetch('/profile', bearer(firstToken))).status).toBe(200);
    expect((await first.fetch('/profile', bearer(secondToken))).status).toBe(401);
    expect((await second.fetch('/profile', bearer(secondToken))).status).toBe(200);
    expect((await second.fetch('/profile', bearer(firstToken))).status).toBe(401);

    await close(first);
    expect(registered(first.strategyName)).toBeUndefined();
    expect(registered(second.strategyName)).toBeInstanceOf(Strategy);
    expect((await second.fetch('/profile', bearer(secondToken))).status).toBe(200);
  });

  it('unregisters the strategy from passport when the app closes', async () => {
    const app = await start(MOBILE_AUDIENCE);
    expect(registered(app.strategyName)).toBeInstanceOf(Strategy);
    await close(app);
    expect(registered(app.strategyName)).toBeUndefined();
  });

  it('still verifies tokens while the app shuts down, until its HTTP server has closed', async () => {
    // Runs after every module's onModuleDestroy and before the server stops taking requests.
    const probe = {
      url: '',
      status: 0,
      async beforeApplicationShutdown() {
        this.status = (await fetch(`${this.url}/profile`, bearer(hmacToken(TEST_SECRET, claims())))).status;
      },
    };
    const app = await start(WEB_AUDIENCE, TEST_SECRET, [{ provide: 'SHUTDOWN_PROBE', useValue: probe }]);
    probe.url = app.url;
    await close(app);
    expect(probe.status).toBe(200);
    expect(registered(app.strategyName)).toBeUndefined();
  });
});
