import { bearer, startTestApp, type TestApp } from './testing/test-app.fixture';
import { claims, hmacToken, ISSUER, TEST_SECRET, WEB_AUDIENCE } from './testing/tokens.fixture';

/** A fixed wall clock half-way through a second, so "one second either side" can never straddle a tick. */
const NOW = 1_900_000_000;

describe.each([
  ['the default 30 s', undefined, 30],
  ['a configured 5 s', 5, 5],
])('clock tolerance of %s', (_label, configured, tolerance) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      auth: { issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET, clockToleranceSeconds: configured },
    });
  });

  beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(NOW * 1_000 + 500);
  });

  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  async function check(overrides: Record<string, unknown>) {
    const response = await app.fetch('/profile', bearer(hmacToken(TEST_SECRET, claims({ iat: NOW - 3_600, exp: NOW + 300, ...overrides }))));
    return { status: response.status, reason: ((await response.json()) as { reason?: string }).reason };
  }

  it('accepts a token that expired one second less than the tolerance ago', async () => {
    expect(await check({ exp: NOW - tolerance + 1 })).toEqual({ status: 200, reason: undefined });
  });

  it('refuses a token that expired one second more than the tolerance ago', async () => {
    expect(await check({ exp: NOW - tolerance - 1 })).toEqual({ status: 401, reason: 'token_expired' });
  });

  it('accepts a token that becomes valid one second less than the tolerance from now', async () => {
    expect(await check({ nbf: NOW + tolerance - 1 })).toEqual({ status: 200, reason: undefined });
  });

  it('refuses a token that becomes valid one second more than the tolerance from now', async () => {
    expect(await check({ nbf: NOW + tolerance + 1 })).toEqual({ status: 401, reason: 'token_not_yet_valid' });
  });
});
