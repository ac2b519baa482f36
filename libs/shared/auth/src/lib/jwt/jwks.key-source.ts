import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, type CryptoKey, customFetch } from 'jose';
import { KeyObject } from 'node:crypto';
import { AuthChallengeError } from '../auth-challenge.error';
import { JwksDownload } from './jwks.download';
import type { JwtHeader } from './jwt-header';
import type { JwtAlgorithm, KeySource } from './key-source';

export interface JwksOptions {
  /** The issuer's JWKS document; configuration, never anything a token says (`jku`, `x5u`, `jwk`). */
  url: string;
  /** Least time between two fetches, whatever unknown `kid`s arrive. */
  cooldownMs?: number;
  /** Budget for one fetch, body included. */
  timeoutMs?: number;
  /** After this long, a request still uses the cached keys but also triggers a background refresh. */
  maxAgeMs?: number;
}

const KID = /^[\x21-\x7e]{1,256}$/;
const ACCEPT = 'application/jwk-set+json, application/json';

/**
 * Verification keys from a JWKS endpoint, held by jose's `createRemoteJWKSet`. An
 * unknown `kid` causes at most one fetch per cooldown, shared by every request
 * waiting on it, so a flood of made-up `kid`s costs the issuer almost nothing. A
 * failed fetch keeps the cached keys: tokens signed with them keep working while the
 * endpoint is down, and an unknown key is refused as soon as the fetch fails or times
 * out. What jose does not enforce itself (which keys it may hold, the cooldown after a
 * failure, the size of the document) lives in {@link JwksDownload}, its `customFetch`.
 *
 * jose's own `cacheMaxAge` is off: jose would make a request wait for a refetch of a
 * stale set, and fail it if the endpoint were down. Here a stale set keeps answering
 * while a refresh runs in the background.
 *
 * @example
 * const keys = new JwksKeySource({ url: 'https://id.example.com/.well-known/jwks.json' });
 * const key = await keys.keyFor({ alg: 'RS256', kid: 'k1' }); // a KeyObject for jsonwebtoken
 */
export class JwksKeySource implements KeySource {
  readonly algorithms = ['RS256', 'ES256'] as const;
  private readonly maxAgeMs: number;
  private readonly download: JwksDownload;
  private readonly remote: ReturnType<typeof createRemoteJWKSet>;
  /** jose hands out the same CryptoKey for a key every time; jsonwebtoken wants a KeyObject. */
  private readonly keyObjects = new WeakMap<CryptoKey, KeyObject>();

  constructor(options: JwksOptions) {
    const cooldownMs = options.cooldownMs ?? 30_000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.download = new JwksDownload({ cooldownMs }, new Logger('Jwks'));
    this.remote = createRemoteJWKSet(new URL(options.url), {
      cooldownDuration: cooldownMs,
      cacheMaxAge: Number.POSITIVE_INFINITY,
      timeoutDuration: Math.ceil(options.timeoutMs ?? 2_000),
      headers: { accept: ACCEPT },
      [customFetch]: this.download.fetch,
    });
  }

  get generation(): number {
    return this.download.generation;
  }

  async keyFor(header: JwtHeader & { alg: JwtAlgorithm }): Promise<KeyObject> {
    const { kid, alg } = header;
    // The kid only ever selects among keys we hold; one we could never hold is not worth a fetch.
    if (kid === undefined || !KID.test(kid)) throw AuthChallengeError.invalidToken('unknown_key');
    // A held key asked for under another algorithm: jose would take it for unknown and refetch.
    const held = this.download.algorithmOf(kid);
    if (held !== undefined && held !== alg) throw AuthChallengeError.invalidToken('unsupported_algorithm');
    let key: CryptoKey;
    try {
      key = await this.remote({ alg, kid });
    } catch {
      // No such key, even after the refetch jose may have made, or the fetch failed (and was logged).
      const fetched = this.download.algorithmOf(kid);
      throw AuthChallengeError.invalidToken(fetched !== undefined && fetched !== alg ? 'unsupported_algorithm' : 'unknown_key');
    }
    if (this.download.olderThan(this.maxAgeMs)) this.remote.reload().catch(ignore);
    return this.keyObjectOf(key);
  }

  private keyObjectOf(key: CryptoKey): KeyObject {
    let keyObject = this.keyObjects.get(key);
    if (keyObject === undefined) {
      keyObject = KeyObject.from(key);
      this.keyObjects.set(key, keyObject);
    }
    return keyObject;
  }
}

/** A background refresh that failed was logged by the download; the cached keys stay. */
function ignore(): void {
  // Nothing to do: see above.
}
