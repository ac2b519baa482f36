import { createHmac, KeyObject, randomUUID, sign } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTHeaderParameters, SignJWT } from 'jose';

export const ISSUER = 'https://id.example.test/';
export const WEB_AUDIENCE = 'web-bff';
export const MOBILE_AUDIENCE = 'mobile-bff';
export const TEST_SECRET = 'test-only-hs256-secret-of-at-least-32-characters';

export interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  /** The public key as the JWKS publishes it. */
  jwk: JWK;
  /** The same public key as PEM, what an algorithm-confusion attacker would use as an HMAC secret. */
  publicPem: string;
}

export async function signingKey(alg: SigningKey['alg'], kid = randomUUID()): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return {
    kid,
    alg,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg },
    publicPem: await exportSPKI(publicKey),
  };
}

export const nowSeconds = () => Math.floor(Date.now() / 1_000);

/** Claims that pass every check for the given audience, unless overridden. */
export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return { iss: ISSUER, aud: WEB_AUDIENCE, sub: '1', iat: now, exp: now + 300, ...overrides };
}

/** Signs as an access token (`typ: at+jwt`, RFC 9068) unless `header` says otherwise. */
export function signWith(
  key: SigningKey,
  payload: Record<string, unknown> = claims(),
  header: Partial<JWTHeaderParameters> = {},
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header }).sign(key.privateKey);
}

/** Signs any header at all, including ones jose refuses to produce (e.g. an unknown `crit`). */
export function signRaw(key: SigningKey, header: Record<string, unknown>, payload: Record<string, unknown> = claims()): string {
  const signingInput = `${encode({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...header })}.${encode(payload)}`;
  const privateKey = KeyObject.from(key.privateKey);
  const signature = sign('sha256', Buffer.from(signingInput), key.alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** HS256 by hand, so any bytes (a public key PEM included) can serve as the secret. */
export function hmacToken(secret: string, payload: Record<string, unknown> = claims(), header: Record<string, unknown> = {}): string {
  const signingInput = `${encode({ alg: 'HS256', typ: 'at+jwt', ...header })}.${encode(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** An unsecured JWS (`alg: none` in whatever casing), optionally with a junk signature. */
export function unsignedToken(alg: string, payload: Record<string, unknown> = claims(), signature = ''): string {
  return `${encode({ alg, typ: 'at+jwt' })}.${encode(payload)}.${signature}`;
}

export function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
