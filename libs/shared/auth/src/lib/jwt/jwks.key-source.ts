import { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { AuthChallengeError } from '../auth-challenge.error';
import { type PinnedKey, pinJwk } from './jwk-key';
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

const MAX_JWKS_BYTES = 256 * 1_024;
const KID = /^[\x21-\x7e]{1,256}$/;
const jwksDocument = z.object({ keys: z.array(z.record(z.string(), z.unknown())).max(100) });

/**
 * Verification keys from a JWKS endpoint, cached in memory. An unknown `kid` causes
 * at most one fetch per cooldown, shared by every request waiting on it, so a flood
 * of made-up `kid`s costs the issuer almost nothing. A failed fetch keeps the cached
 * keys: tokens signed with them keep working while the endpoint is down, and an
 * unknown key is refused as soon as the fetch fails or times out.
 */
export class JwksKeySource implements KeySource {
  readonly algorithms = ['RS256', 'ES256'] as const;
  private readonly logger = new Logger('Jwks');
  private readonly cooldownMs: number;
  private readonly timeoutMs: number;
  private readonly maxAgeMs: number;
  private keys = new Map<string, PinnedKey>();
  generation = 0;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastSuccess = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: JwksOptions) {
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
  }

  async keyFor(header: JwtHeader & { alg: JwtAlgorithm }): Promise<string> {
    const { kid } = header;
    // The kid only ever selects among keys we hold; one we could never hold is not worth a fetch.
    if (kid === undefined || !KID.test(kid)) throw AuthChallengeError.invalidToken('unknown_key');
    let key = this.keys.get(kid);
    if (key === undefined) {
      await this.refresh();
      key = this.keys.get(kid);
    } else if (performance.now() - this.lastSuccess > this.maxAgeMs) {
      void this.refresh();
    }
    if (key === undefined) throw AuthChallengeError.invalidToken('unknown_key');
    if (key.alg !== header.alg) throw AuthChallengeError.invalidToken('unsupported_algorithm');
    return key.pem;
  }

  /** Resolves once the current or a new fetch settles; never rejects. */
  private refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (performance.now() - this.lastAttempt < this.cooldownMs) return Promise.resolve();
    this.lastAttempt = performance.now();
    this.inFlight = this.download()
      .then((keys) => {
        this.keys = keys;
        this.generation += 1;
        this.lastSuccess = performance.now();
      })
      .catch((error: unknown) => {
        this.logger.warn(`JWKS refresh failed, keeping ${this.keys.size} cached key(s): ${describe(error)}`);
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async download(): Promise<Map<string, PinnedKey>> {
    const response = await fetch(this.options.url, {
      headers: { accept: 'application/jwk-set+json, application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`status ${response.status}`);
    }
    const document = jwksDocument.safeParse(JSON.parse(await readCapped(response, MAX_JWKS_BYTES)));
    if (!document.success) throw new Error('not a JWK set');
    const keys = new Map<string, PinnedKey>();
    for (const jwk of document.data.keys) {
      const pinned = pinJwk(jwk);
      if (pinned && !keys.has(pinned.kid)) keys.set(pinned.kid, pinned);
    }
    // An empty set is far likelier a broken issuer than a wish to lock every user out.
    if (keys.size === 0) throw new Error('no usable signing keys');
    return keys;
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw new Error('document too large');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error('document too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : '';
  return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}${cause}`;
}
