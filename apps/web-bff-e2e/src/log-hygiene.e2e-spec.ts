import { AppProcess, DemoFaults, DemoStack, TestAuth, request } from '@bff/testing';

/**
 * What the web BFF writes to its log when downstream services fail, read from the
 * real process's output: one warn line per kind of failure a minute, no stacks, and
 * no credential a client sent.
 */
describe('web-bff log hygiene', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let product: DemoFaults;
  let user: DemoFaults;
  const auth = new TestAuth();
  const password = 'Pa55-word-that-must-never-be-logged';
  const sessionCookie = '__Host-bff_session=session-value-that-must-never-be-logged';

  /** The log from `since` on. */
  const logSince = (since: number) => bff.logs.slice(since);
  const expectedFailureLines = (log: string, route: string) =>
    log.split('\n').filter((line) => line.includes(`WARN [ProblemDetails] ${route} `));

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
      RATE_LIMIT_LOGIN: 'burst=100000/1s',
      ADMISSION_ENABLED: 'false',
    });
    product = new DemoFaults(stack.services.product.url);
    user = new DemoFaults(stack.services.user.url);
  }, 60_000);

  afterEach(async () => {
    await Promise.all([product.reset(), user.reset()]);
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  // First: the next test leaves the product service's breaker open.
  it('logs a downstream answer mapped to a 404 at warn, once', async () => {
    const since = bff.logs.length;
    for (const id of ['90001', '90002', '90003']) expect((await request(`${bff.url}/product-details/${id}`)).status).toBe(404);

    const lines = expectedFailureLines(logSince(since), 'GET /product-details/:productId');
    expect(lines).toEqual([expect.stringMatching(/404 NOT_FOUND service=product reason="[^"]+" requestId=\S+$/)]);
  });

  it('logs a failing downstream once, as a warn line without a stack, however many requests meet it', async () => {
    await product.set({ reset: true });
    const since = bff.logs.length;
    const pages = [];
    for (let i = 1; i <= 30; i++) pages.push(await request(`${bff.url}/product-details/${i}`));
    expect(new Set(pages.map((page) => page.status))).toEqual(new Set([503]));

    const log = logSince(since);
    const lines = expectedFailureLines(log, 'GET /product-details/:productId');
    // The connection resets, then the breaker opening: one line for each, not 30.
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines[0]).toMatch(
      /WARN \[ProblemDetails\] GET \/product-details\/:productId 503 UPSTREAM_UNAVAILABLE service=product reason="[^"]+" requestId=\S+/,
    );
    expect(log).not.toMatch(/ERROR|^\s+at /m);
  });

  it('keeps credentials out of the log while calls fail against a broken user service', async () => {
    await user.set({ status: 500 });
    const since = bff.logs.length;
    const bearer = await auth.bearer({ sub: '7', audience: 'web-bff' });
    for (let i = 0; i < 5; i++) {
      const login = await request(`${bff.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'user1@example.com', password }),
      });
      expect(login.status).toBe(502);
      expect((await request(`${bff.url}/users/7`, { headers: bearer })).status).toBe(502);
    }
    expect((await request(`${bff.url}/auth/me`, { headers: { cookie: sessionCookie } })).status).toBe(401);

    const log = logSince(since);
    expect(expectedFailureLines(log, 'POST /auth/login')).toEqual([
      expect.stringMatching(/POST \/auth\/login 502 UPSTREAM_BAD_RESPONSE service=user reason="[^"]+" requestId=\S+$/),
    ]);
    expect(expectedFailureLines(log, 'GET /users/:userId')).toHaveLength(1);
    for (const secret of [password, sessionCookie, bearer['authorization'].slice('Bearer '.length)]) expect(bff.logs).not.toContain(secret);
  });
});
