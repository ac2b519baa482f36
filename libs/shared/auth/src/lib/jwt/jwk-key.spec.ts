import { generateKeyPairSync } from 'node:crypto';
import { pinJwk } from './jwk-key';

function jwkOf(type: 'rsa' | 'ec', options: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { publicKey, privateKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: (options['bits'] as number | undefined) ?? 2_048 })
      : generateKeyPairSync('ec', { namedCurve: options['curve'] as string });
  const key = options['private'] ? privateKey : publicKey;
  return { ...(key.export({ format: 'jwk' }) as Record<string, unknown>), kid: 'k1', ...extra };
}

describe('pinJwk', () => {
  const rsa = jwkOf('rsa', {});
  const p256 = jwkOf('ec', { curve: 'P-256' });

  it('pins an RSA key to RS256 and a P-256 key to ES256', () => {
    expect(pinJwk(rsa)).toMatchObject({ kid: 'k1', alg: 'RS256', pem: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(pinJwk(p256)).toMatchObject({ kid: 'k1', alg: 'ES256' });
    expect(pinJwk({ ...rsa, use: 'sig', alg: 'RS256', key_ops: ['verify'] })).toMatchObject({ alg: 'RS256' });
  });

  it.each([
    ['an encryption key', { ...rsa, use: 'enc' }],
    ['a key not meant for verifying', { ...rsa, key_ops: ['encrypt'] }],
    ['an RSA key declared for another algorithm', { ...rsa, alg: 'RS512' }],
    ['an RSA key declared for HMAC', { ...rsa, alg: 'HS256' }],
    ['an EC key declared for RS256', { ...p256, alg: 'RS256' }],
    ['a symmetric key', { kty: 'oct', k: 'c2VjcmV0', kid: 'k1' }],
    ['a P-384 key', jwkOf('ec', { curve: 'P-384' })],
    ['a 1024-bit RSA key', jwkOf('rsa', { bits: 1_024 })],
    ['a key without kid', { ...rsa, kid: undefined }],
    ['a kid with spaces', { ...rsa, kid: 'a b' }],
    ['a broken modulus', { ...rsa, n: 'AQAB!' }],
  ])('drops %s', (_label, jwk) => {
    expect(pinJwk(jwk as Record<string, unknown>)).toBeUndefined();
  });

  it('keeps only the public half of a wrongly published private key', () => {
    const pinned = pinJwk(jwkOf('rsa', { private: true }));
    expect(pinned?.pem).toContain('BEGIN PUBLIC KEY');
  });
});
