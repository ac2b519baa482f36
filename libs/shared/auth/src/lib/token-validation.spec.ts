import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import { JwksKeySource } from './jwt/jwks.key-source';
import { JwksServer } from './testing/jwks-server.fixture';
import { bearer, startTestApp, type TestApp } from './testing/test-app.fixture';
import {
  claims,
  encode,
  hmacToken,
  ISSUER,
  MOBILE_AUDIENCE,
  nowSeconds,
  signingKey,
  signRaw,
  signWith,
  type SigningKey,
  unsignedToken,
  WEB_AUDIENCE,
} from './testing/tokens.fixture';

describe('bearer token validation against a JWKS', () => {
  let jwks: JwksServer;
  let attackerJwks: JwksServer;
  let app: TestApp;
  let rsa: SigningKey;
  let ec: SigningKey;
  let attacker: SigningKey;

  beforeAll(async () => {
    [rsa, ec, attacker] = await Promise.all([signingKey('RS256'), signingKey('ES256'), signingKey('RS256')]);
    jwks = await JwksServer.start([rsa.jwk, ec.jwk]);
    attackerJwks = await JwksServer.start([attacker.jwk]);
    app = await startTestApp({ auth: { issuer: ISSUER, audience: WEB_AUDIENCE, jwksUrl: jwks.url } });
  });

  afterAll(async () => {
    await app.close();
    await Promise.all([jwks.stop(), attackerJwks.stop()]);
  });

  async function expectInvalidToken(token: string, reason: string, init: RequestInit = bearer(token), path = '/profile') {
    const response = await app.fetch(path, init);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 401, code: 'UNAUTHORIZED', reason });
    // A short reason code, never the verifier's own message.
    expect(JSON.stringify(problem)).not.toMatch(/jwt|signature is|expected|PEM|BEGIN/i);
  }

  it.each(['RS256', 'ES256'] as const)('accepts a valid %s token', async (alg) => {
    const token = await signWith(alg === 'RS256' ? rsa : ec, claims({ sub: '42', scope: 'orders:write' }));
    const response = await app.fetch('/profile', bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { sub: '42', scopes: ['orders:write'], via: 'bearer' },
      subject: '42',
    });
  });

  it.each(['none', 'NONE', 'None', 'nOnE'])('rejects alg %j without a signature', async (alg) => {
    await expectInvalidToken(unsignedToken(alg), 'unsupported_algorithm');
  });

  it.each(['none', 'NoNe'])('rejects alg %j even with a signature segment', async (alg) => {
    await expectInvalidToken(unsignedToken(alg, claims({ sub: '1' }), 'c2lnbmF0dXJl'), 'unsupported_algorithm');
  });

  it('rejects RS256-to-HS256 confusion (HMAC keyed with the public key)', async () => {
    for (const secret of [rsa.publicPem, rsa.publicPem.trim(), JSON.stringify(rsa.jwk)]) {
      await expectInvalidToken(hmacToken(secret, claims(), { kid: rsa.kid }), 'unsupported_algorithm');
    }
  });

  it('rejects a token signed for one algorithm family under the kid of another', async () => {
    const token = await signWith(ec, claims(), { kid: rsa.kid });
    await expectInvalidToken(token, 'unsupported_algorithm');
  });

  it('rejects an expired token', async () => {
    await expectInvalidToken(await signWith(rsa, claims({ iat: nowSeconds() - 600, exp: nowSeconds() - 120 })), 'token_expired');
  });

  it('rejects a token whose nbf is in the future', async () => {
    await expectInvalidToken(await signWith(rsa, claims({ nbf: nowSeconds() + 120 })), 'token_not_yet_valid');
  });

  it('rejects a wrong issuer', async () => {
    await expectInvalidToken(await signWith(rsa, claims({ iss: 'https://evil.example/' })), 'invalid_issuer');
    await expectInvalidToken(await signWith(rsa, claims({ iss: undefined })), 'invalid_issuer');
  });

  it('rejects a wrong audience, including the other gateway\'s', async () => {
    await expectInvalidToken(await signWith(rsa, claims({ aud: MOBILE_AUDIENCE })), 'invalid_audience');
    await expectInvalidToken(await signWith(rsa, claims({ aud: undefined })), 'invalid_audience');
  });

  it('rejects a bad signature', async () => {
    const token = await signWith(rsa, claims({ sub: '1' }));
    const [header, , signature] = token.split('.');
    await expectInvalidToken(`${header}.${encode(claims({ sub: '2' }))}.${signature}`, 'invalid_signature');
    // Signed by a key nobody published, under a kid that is published.
    await expectInvalidToken(await signWith(attacker, claims(), { kid: rsa.kid }), 'invalid_signature');
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    ['two segments', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0'],
    ['a header that is not JSON', `${Buffer.from('{nope').toString('base64url')}.e30.c2ln`],
    ['a header without alg', `${encode({ typ: 'JWT' })}.${encode(claims())}.c2ln`],
    ['a JSON array header', `${encode(['RS256'])}.${encode(claims())}.c2ln`],
  ])('rejects a malformed token: %s', async (_label, token) => {
    await expectInvalidToken(token, 'malformed_token');
  });

  it('rejects a payload that is not JSON', async () => {
    // jsonwebtoken reads the payload of an at+jwt token only once its signature holds.
    const [header] = (await signWith(rsa)).split('.');
    await expectInvalidToken(`${header}.${Buffer.from('{oops').toString('base64url')}.c2ln`, 'invalid_signature');
  });

  it('rejects a token over 8 KiB and accepts one just under', async () => {
    const padded = async (length: number) => {
      let token = await signWith(rsa, claims({ pad: 'x'.repeat(length) }));
      token = await signWith(rsa, claims({ pad: 'x'.repeat(length - Math.ceil(((token.length - 8_192) * 3) / 4)) }));
      return token;
    };
    const justUnder = await padded(6_000);
    expect(justUnder.length).toBeGreaterThan(8_150);
    expect(justUnder.length).toBeLessThanOrEqual(8_192);
    expect((await app.fetch('/profile', bearer(justUnder))).status).toBe(200);
    const tooLarge = await signWith(rsa, claims({ pad: 'x'.repeat(6_200) }));
    expect(tooLarge.length).toBeGreaterThan(8_192);
    await expectInvalidToken(tooLarge, 'token_too_large');
  });

  it.each(['access_token', 'token'])('rejects a token in the query string (%s), even next to a valid header', async (parameter) => {
    const token = await signWith(rsa);
    await expectInvalidToken(token, 'token_in_query', bearer(token), `/profile?${parameter}=${token}`);
    await expectInvalidToken(token, 'token_in_query', {}, `/profile?${parameter}=${token}`);
  });

  it('rejects a token without sub or without exp', async () => {
    await expectInvalidToken(await signWith(rsa, claims({ sub: undefined })), 'invalid_claims');
    await expectInvalidToken(await signWith(rsa, claims({ exp: undefined })), 'invalid_claims');
  });

  it('rejects a token with a crit header, since no extension is implemented', async () => {
    expect((await app.fetch('/profile', bearer(signRaw(rsa, {})))).status).toBe(200);
    await expectInvalidToken(signRaw(rsa, { crit: ['x-policy'], 'x-policy': 'strict' }), 'unsupported_header');
  });

  it('never trusts jku, x5u or an embedded jwk', async () => {
    const before = jwks.requests;
    const embedded = attacker.jwk as JWK;
    for (const header of [
      { kid: attacker.kid, jku: attackerJwks.url },
      { kid: attacker.kid, x5u: attackerJwks.url },
      { kid: attacker.kid, jwk: embedded },
      { kid: rsa.kid, jku: attackerJwks.url, jwk: embedded },
    ]) {
      const token = await signWith(attacker, claims(), header);
      const response = await app.fetch('/profile', bearer(token));
      expect(response.status).toBe(401);
    }
    expect(attackerJwks.requests).toBe(0);
    // Only the configured endpoint is ever asked, and at most once for this burst.
    expect(jwks.requests - before).toBeLessThanOrEqual(1);
  });

  it('never uses a kid as a path or URL', async () => {
    for (const kid of ['../../../etc/passwd', attackerJwks.url, '%2e%2e%2f', `${randomUUID()}/../${rsa.kid}`]) {
      await expectInvalidToken(await signWith(attacker, claims(), { kid }), 'unknown_key');
    }
    expect(attackerJwks.requests).toBe(0);
  });

  it('answers 401 without an error code when no credentials are sent', async () => {
    const response = await app.fetch('/profile');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toMatchObject({ code: 'UNAUTHORIZED', reason: 'missing_credentials' });
  });

  it('refuses other authorization schemes', async () => {
    const response = await app.fetch('/profile', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_request"');
  });

  it('checks a signature once per token, then reuses the verified caller until exp', async () => {
    const keyLookups = jest.spyOn(JwksKeySource.prototype, 'keyFor');
    try {
      const token = await signWith(rsa, claims({ sub: 'cached-1' }));
      for (let i = 0; i < 3; i++) expect((await app.fetch('/profile', bearer(token))).status).toBe(200);
      expect(keyLookups).toHaveBeenCalledTimes(1);
      const other = await signWith(rsa, claims({ sub: 'cached-2' }));
      expect((await app.fetch('/profile', bearer(other))).status).toBe(200);
      expect(keyLookups).toHaveBeenCalledTimes(2);
      // A forged token is never served from the cache of a real one, and a refusal is not remembered.
      const forged = `${token.slice(0, token.lastIndexOf('.'))}.${encode('forged')}`;
      await expectInvalidToken(forged, 'invalid_signature');
      await expectInvalidToken(forged, 'invalid_signature');
    } finally {
      keyLookups.mockRestore();
    }
  });
});
