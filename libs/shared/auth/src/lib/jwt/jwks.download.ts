import type { Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { type PinnedKey, pinJwk } from './jwk-key';

const MAX_JWKS_BYTES = 256 * 1_024;
const jwksDocument = z.object({ keys: z.array(z.record(z.string(), z.unknown())).max(100) });

/** What jose hands its `customFetch`: the JWKS URL and the request it would have made. */
export interface JwksRequestInit {
  headers: Headers;
  signal: AbortSignal;
}

/**
 * How often a {@link JwksDownload} may go to the network.
 *
 * @example
 * const limits: JwksDownloadOptions = { cooldownMs: 30_000 };
 */
export interface JwksDownloadOptions {
  /** Least time between two fetches, failed ones included. */
  cooldownMs: number;
}

/**
 * The one way our key set is fetched: jose's `customFetch`, holding the rules jose
 * does not have. jose times the request out, shares one fetch among concurrent
 * callers, holds the keys and picks one by `kid` and `alg`; this adds the rest.
 *
 * - At most one fetch per cooldown, counted from the last attempt: jose counts from
 *   the last success, so an endpoint that is down would be asked again by every
 *   unknown `kid`.
 * - No redirects, a 200 only, a body of at most 256 KiB and 100 keys.
 * - Each entry goes through {@link pinJwk}: jose receives only RSA (2048 bits and more)
 *   and P-256 signing keys, each with the one `alg` it may verify, never an `oct` key.
 * - A document without a usable key fails like an outage, so jose keeps the last good
 *   set: an empty set is far likelier a broken issuer than a wish to lock every user out.
 *
 * It also counts the sets it handed over (`generation`) and remembers each held
 * `kid`'s algorithm, so a token naming a held key with another `alg` is told apart
 * from one naming a key nobody has.
 *
 * @example
 * const download = new JwksDownload({ cooldownMs: 30_000 }, logger);
 * createRemoteJWKSet(new URL(url), { [customFetch]: download.fetch });
 */
export class JwksDownload {
  /** Changes whenever a new key set is handed to jose. */
  generation = 0;
  /** `kid` → the one algorithm that key verifies, for the set jose holds. */
  private pinned = new Map<string, PinnedKey['alg']>();
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastSuccess = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly options: JwksDownloadOptions,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** The algorithm of a held key, `undefined` for a `kid` not in the current set. */
  algorithmOf(kid: string): PinnedKey['alg'] | undefined {
    return this.pinned.get(kid);
  }

  /** Whether the current set was fetched longer than `maxAgeMs` ago (or never). */
  olderThan(maxAgeMs: number): boolean {
    return performance.now() - this.lastSuccess > maxAgeMs;
  }

  /** jose's `customFetch`: answers with the pinned keys only, or rejects so jose keeps what it holds. */
  readonly fetch = async (url: string, init: JwksRequestInit): Promise<Response> => {
    if (performance.now() - this.lastAttempt < this.options.cooldownMs) throw COOLING_DOWN;
    this.lastAttempt = performance.now();
    try {
      const keys = await this.download(url, init);
      this.pinned = new Map(keys.map((key) => [key.kid, key.alg]));
      this.generation += 1;
      this.lastSuccess = performance.now();
      return Response.json({ keys: keys.map((key) => key.jwk) });
    } catch (error) {
      this.logger.warn(`JWKS refresh failed, keeping ${this.pinned.size} cached key(s): ${describe(error)}`);
      throw error;
    }
  };

  private async download(url: string, { headers, signal }: JwksRequestInit): Promise<PinnedKey[]> {
    const response = await fetch(url, { headers, redirect: 'error', signal });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`status ${response.status}`);
    }
    const document = jwksDocument.safeParse(JSON.parse(await readCapped(response, MAX_JWKS_BYTES)));
    if (!document.success) throw new Error('not a JWK set');
    const keys = new Map<string, PinnedKey>();
    for (const jwk of document.data.keys) {
      const pinned = pinJwk(jwk);
      // One key per kid: jose refuses a kid that matches twice, and the first one wins here as before.
      if (pinned && !keys.has(pinned.kid)) keys.set(pinned.kid, pinned);
    }
    if (keys.size === 0) throw new Error('no usable signing keys');
    return [...keys.values()];
  }
}

/**
 * A fetch refused inside the cooldown: nothing went to the network, so nothing is
 * logged. One shared instance, as a flood of unknown `kid`s meets it on every request.
 */
const COOLING_DOWN = new Error('JWKS fetched too recently');

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
