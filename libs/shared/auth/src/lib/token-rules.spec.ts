import type { AuthOptions } from './auth-options';
import { bearer, startTestApp, type TestApp } from './testing/test-app.fixture';
import { claims, hmacToken, ISSUER, nowSeconds, TEST_SECRET, WEB_AUDIENCE } from './testing/tokens.fixture';

const BASE: AuthOptions = { issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET };

async function statusAndReason(app: TestApp, token: string): Promise<{ status: number; reason?: string }> {
  const response = await app.fetch('/profile', bearer(token));
  const { reason } = (await response.json()) as { reason?: string };
  return reason === undefined ? { status: response.status } : { status: response.status, reason };
}

describe('access token rules beyond the signature', () => {
  let strict: TestApp;
  let lenient: TestApp;
  let allowlisted: TestApp;

  beforeAll(async () => {
    [strict, lenient, allowlisted] = await Promise.all([
      startTestApp({ auth: BASE }),
      startTestApp({ auth: { ...BASE, acceptedTokenTypes: ['at+jwt', 'JWT'], maxTokenLifetimeSeconds: 3_600 } }),
      startTestApp({ auth: { ...BASE, allowedClientIds: ['web-app', 'partner-42'] } }),
    ]);
  });

  afterAll(() => Promise.all([strict.close(), lenient.close(), allowlisted.close()]));

  describe('the header typ (RFC 9068)', () => {
    it.each(['at+jwt', 'application/at+jwt', 'AT+JWT', 'Application/At+Jwt'])('accepts typ %j', async (typ) => {
      expect(await statusAndReason(strict, hmacToken(TEST_SECRET, claims(), { typ }))).toEqual({ status: 200 });
    });

    it.each([['JWT'], ['jwt'], ['application/jwt'], ['id_token+jwt'], [''], [42], [undefined]])(
      'refuses typ %j by default: an ID token or any other JWT is not an access token',
      async (typ) => {
        expect(await statusAndReason(strict, hmacToken(TEST_SECRET, claims(), { typ }))).toEqual({
          status: 401,
          reason: 'invalid_token_type',
        });
      },
    );

    it('accepts JWT where the operator allows it for an issuer that sends it', async () => {
      expect(await statusAndReason(lenient, hmacToken(TEST_SECRET, claims(), { typ: 'JWT' }))).toEqual({ status: 200 });
      expect(await statusAndReason(lenient, hmacToken(TEST_SECRET, claims(), { typ: 'id_token+jwt' }))).toMatchObject({ status: 401 });
    });
  });

  describe('iat and the token lifetime', () => {
    it('refuses a token without iat, whose lifetime cannot be told', async () => {
      expect(await statusAndReason(strict, hmacToken(TEST_SECRET, claims({ iat: undefined })))).toEqual({
        status: 401,
        reason: 'invalid_claims',
      });
    });

    it('accepts a lifetime of exactly the maximum and refuses one second more (default 24 h)', async () => {
      const iat = nowSeconds() - 60;
      expect(await statusAndReason(strict, hmacToken(TEST_SECRET, claims({ iat, exp: iat + 86_400 })))).toEqual({ status: 200 });
      expect(await statusAndReason(strict, hmacToken(TEST_SECRET, claims({ iat, exp: iat + 86_401 })))).toEqual({
        status: 401,
        reason: 'token_lifetime_too_long',
      });
    });

    it('applies a configured maximum', async () => {
      const iat = nowSeconds();
      expect(await statusAndReason(lenient, hmacToken(TEST_SECRET, claims({ iat, exp: iat + 3_600 })))).toEqual({ status: 200 });
      expect(await statusAndReason(lenient, hmacToken(TEST_SECRET, claims({ iat, exp: iat + 7_200 })))).toMatchObject({
        reason: 'token_lifetime_too_long',
      });
    });

    it('refuses a token issued in the future, which would otherwise dodge the lifetime check', async () => {
      const iat = nowSeconds() + 10 * 365 * 86_400;
      expect(await statusAndReason(strict, hmacToken(TEST_SECRET, claims({ iat, exp: iat + 300 })))).toEqual({
        status: 401,
        reason: 'token_not_yet_valid',
      });
    });
  });

  describe('the client allowlist', () => {
    it.each([
      ['client_id', { client_id: 'web-app' }],
      ['azp', { azp: 'partner-42' }],
      ['both, each allowed', { client_id: 'web-app', azp: 'web-app' }],
    ])('accepts an allowed client named by %s', async (_label, client) => {
      expect(await statusAndReason(allowlisted, hmacToken(TEST_SECRET, claims(client)))).toEqual({ status: 200 });
    });

    it.each([
      ['another client_id', { client_id: 'scraper' }],
      ['another azp', { azp: 'scraper' }],
      ['an allowed client_id next to another azp', { client_id: 'web-app', azp: 'scraper' }],
      ['no client at all', {}],
    ])('refuses %s', async (_label, client) => {
      expect(await statusAndReason(allowlisted, hmacToken(TEST_SECRET, claims(client)))).toEqual({
        status: 401,
        reason: 'client_not_allowed',
      });
    });

    it('lets any client through when no allowlist is set', async () => {
      expect(await statusAndReason(strict, hmacToken(TEST_SECRET, claims({ client_id: 'scraper' })))).toEqual({ status: 200 });
    });
  });
});
