import { createPublicKey, type JsonWebKey } from 'node:crypto';
import type { JWK } from 'jose';
import type { JwtAlgorithm } from './key-source';

/** A JWKS entry we accept, with the one algorithm it may verify. */
export interface PinnedKey {
  kid: string;
  alg: Extract<JwtAlgorithm, 'RS256' | 'ES256'>;
  /**
   * The public key as the JWK jose is given: its public members only, with `alg` and
   * `use: sig` set, so jose matches it to that one algorithm and nothing else.
   */
  jwk: JWK;
  /** The same public key as SPKI PEM. */
  pem: string;
}

const MIN_RSA_BITS = 2_048;
const KID = /^[\x21-\x7e]{1,256}$/;

/**
 * Turns one JWKS entry into a verification key pinned to a single algorithm: RSA
 * keys verify RS256 only, P-256 keys ES256 only. Anything else (encryption keys,
 * symmetric `oct` keys, other curves, short RSA moduli, keys without a `kid`) is
 * dropped, so no entry can ever verify an HMAC token or a token of another family.
 */
export function pinJwk(jwk: Record<string, unknown>): PinnedKey | undefined {
  const { kid, kty, use, alg, key_ops: keyOps } = jwk;
  if (typeof kid !== 'string' || !KID.test(kid)) return undefined;
  if (use !== undefined && use !== 'sig') return undefined;
  if (keyOps !== undefined && !(Array.isArray(keyOps) && keyOps.includes('verify'))) return undefined;
  const pinned = algorithmFor(kty, jwk['crv']);
  if (pinned === undefined || (alg !== undefined && alg !== pinned)) return undefined;
  try {
    const key = createPublicKey({ key: publicMembers(jwk), format: 'jwk' });
    if (pinned === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return undefined;
    return {
      kid,
      alg: pinned,
      jwk: { ...key.export({ format: 'jwk' }), kid, alg: pinned, use: 'sig' },
      pem: key.export({ type: 'spki', format: 'pem' }).toString(),
    };
  } catch {
    // An entry Node cannot read is skipped like any unusable entry; the others still load.
    return undefined;
  }
}

function algorithmFor(kty: unknown, crv: unknown): PinnedKey['alg'] | undefined {
  if (kty === 'RSA') return 'RS256';
  if (kty === 'EC' && crv === 'P-256') return 'ES256';
  return undefined;
}

/** Only the public members, so a JWKS that wrongly publishes a private key still yields a public one. */
function publicMembers(jwk: Record<string, unknown>): JsonWebKey {
  const { kty, n, e, crv, x, y } = jwk as JsonWebKey;
  return kty === 'RSA' ? { kty, n, e } : { kty, crv, x, y };
}
