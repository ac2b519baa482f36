import { AppProcess, request } from '@bff/testing';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const ISSUER = 'https://idp.e2e.example/';
const USER = { id: '1', name: 'Ada Lovelace', email: 'ada@example.com', address: { line1: 'x', city: 'y', postalCode: 'z', country: 'GB' } };

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  jwk: JWK;
}

async function signingKey(alg: SigningKey['alg']): Promise<SigningKey> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function token(key: SigningKey, sub = '1'): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience('mobile-bff')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

/**
 * The identity provider's key set and the user service, in this test's process: the
 * BFF is a separate process that fetches the keys over HTTP like it would from a real
 * issuer.
 */
class IdentityProvider {
  keys: JWK[] = [];
  jwksRequests = 0;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<IdentityProvider> {
    const server = createServer();
    const idp = new IdentityProvider(server);
    server.on('request', (req, res) => {
      if (req.url === '/jwks') {
        idp.jwksRequests++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: idp.keys }));
      } else if (req.url === '/users/1') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(USER));
      } else {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return idp;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('mobile-bff validating RS256 and ES256 tokens from a JWKS served by another process', () => {
  let idp: IdentityProvider;
  let bff: AppProcess;
  let rsa: SigningKey;
  let ec: SigningKey;
  let next: SigningKey;
  let attacker: SigningKey;

  const profile = async (bearer: string) =>
    request<Record<string, unknown>>(`${bff.url}/users/1`, { headers: { authorization: `Bearer ${bearer}` } });

  beforeAll(async () => {
    [rsa, ec, next, attacker] = await Promise.all([signingKey('RS256'), signingKey('ES256'), signingKey('RS256'), signingKey('RS256')]);
    idp = await IdentityProvider.start();
    // The issuer publishes its next key ahead of signing with it, as rotations are done.
    idp.keys = [rsa.jwk, ec.jwk, next.jwk];
    bff = await AppProcess.start('mobile-bff', {
      AUTH_JWKS_URL: `${idp.url}/jwks`,
      AUTH_ISSUER: ISSUER,
      USER_SERVICE_URL: idp.url,
      RESPONSE_CACHE_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await bff?.stop();
    await idp?.stop();
  });

  it.each([['RS256', () => rsa], ['ES256', () => ec]] as const)('accepts a %s token signed by a key of the set', async (_alg, key) => {
    const { status, body } = await profile(await token(key()));
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: '1', name: USER.name });
  });

  it('accepts tokens from the published next key once the issuer rotates to it, without a new fetch', async () => {
    expect((await profile(await token(rsa))).status).toBe(200);
    const fetches = idp.jwksRequests;
    expect((await profile(await token(next))).status).toBe(200);
    expect(idp.jwksRequests).toBe(fetches);
  });

  it('refuses a token signed by a key outside the set, and one forging a known kid, at no cost to the issuer', async () => {
    expect((await profile(await token(rsa))).status).toBe(200);
    const fetches = idp.jwksRequests;
    const unknownKid = await profile(await token(attacker));
    expect(unknownKid.status).toBe(401);
    expect(unknownKid.body).toMatchObject({ code: 'UNAUTHORIZED' });
    const forged = await profile(await token({ ...attacker, kid: rsa.kid }));
    expect(forged.status).toBe(401);
    // Unknown kids cost at most one refetch per cooldown (30 s), however many arrive.
    expect(idp.jwksRequests).toBeLessThanOrEqual(fetches + 1);
  });
});
