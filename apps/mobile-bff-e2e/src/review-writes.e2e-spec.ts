import { AppProcess, DemoStack, TestAuth, request } from '@bff/testing';

const PROBLEM = /^application\/problem\+json/;

describe('mobile-bff review writes', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  const auth = new TestAuth();
  const draft = { rating: 5, title: 'Warm', body: 'Kept me warm all winter.' };

  const post = async (headers: Record<string, string>, productId = '41') =>
    request<Record<string, unknown>>(`${bff.url}/products/${productId}/reviews`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(draft),
    });
  const writer = (sub: string) => auth.bearer({ sub, audience: 'mobile-bff', scopes: ['reviews:write'] });

  beforeAll(async () => {
    stack = await DemoStack.start();
    // The default review-writes tier (5 a minute per user) is what this suite checks.
    bff = await AppProcess.start('mobile-bff', { ...stack.bffEnv(), ...auth.env() });
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  it('need a signed-in caller', async () => {
    const { status, headers } = await post({});
    expect(status).toBe(401);
    expect(headers.get('content-type')).toMatch(PROBLEM);
  });

  it('need the scope reviews:write: a token without it gets 403 insufficient_scope', async () => {
    const { status, headers, body } = await post(await auth.bearer({ sub: '30', audience: 'mobile-bff' }));
    expect(status).toBe(403);
    expect(headers.get('content-type')).toMatch(PROBLEM);
    expect(headers.get('www-authenticate')).toMatch(/error="insufficient_scope"/);
    expect(headers.get('www-authenticate')).toMatch(/reviews:write/);
    expect(body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('are limited to 5 a minute per user, whatever address or token the user comes with', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(await writer('31'))).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202]);

    const sixth = await post(await writer('31'), '42');
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('content-type')).toMatch(PROBLEM);
    expect(sixth.headers.get('retry-after')).toBeDefined();
    expect(sixth.headers.get('ratelimit-policy')).toBe('"review-writes";q=5;w=60');
    expect(sixth.body).toMatchObject({ code: 'RATE_LIMITED', violatedPolicies: ['review-writes'] });

    // Another user's quota is their own, and reading is not a write.
    expect((await post(await writer('32'))).status).toBe(202);
    expect((await request(`${bff.url}/users/31`, { headers: await writer('31') })).status).toBe(200);
  });
});
