import { AppProcess, DemoFaults, DemoStack, TestAuth, request } from '@bff/testing';

/**
 * What the mobile BFF writes to its log while a downstream service fails, read from
 * the real process's output: one warn line per kind of failure a minute, no stack, and
 * not the caller's token.
 */
describe('mobile-bff log hygiene', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let product: DemoFaults;
  const auth = new TestAuth();

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
      ADMISSION_ENABLED: 'false',
    });
    product = new DemoFaults(stack.services.product.url);
  }, 60_000);

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  it('logs a failing product service once per kind of failure, without a stack or the caller’s token', async () => {
    await product.set({ reset: true });
    const since = bff.logs.length;
    const bearer = await auth.bearer({ sub: '3', audience: 'mobile-bff' });
    for (let i = 1; i <= 30; i++) {
      expect((await request(`${bff.url}/product-details/${i}`, { headers: bearer })).status).toBe(503);
    }

    const log = bff.logs.slice(since);
    const lines = log.split('\n').filter((line) => line.includes('WARN [ProblemDetails] GET /product-details/:productId '));
    // The connection resets, then the breaker opening: one line for each, not 30.
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatch(/503 UPSTREAM_UNAVAILABLE service=product reason="[^"]+" requestId=\S+$/);
    }
    expect(log).not.toMatch(/ERROR|^\s+at /m);
    expect(bff.logs).not.toContain(bearer['authorization'].slice('Bearer '.length));
  });
});
