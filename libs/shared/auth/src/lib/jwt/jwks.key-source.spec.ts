import { settlesWithoutWaiting } from '@bff/testing';
import { Logger } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthChallengeError } from '../auth-challenge.error';
import { JwksServer } from '../testing/jwks-server.fixture';
import { signingKey, type SigningKey } from '../testing/tokens.fixture';
import { JwksKeySource } from './jwks.key-source';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('JwksKeySource', () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let jwks: JwksServer;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    [rsa, ec] = await Promise.all([signingKey('RS256'), signingKey('ES256')]);
  });

  beforeEach(async () => {
    jwks = await JwksServer.start([rsa.jwk, ec.jwk]);
  });

  afterEach(() => jwks.stop());

  const reasonOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'resolved',
      (error: unknown) => (error instanceof AuthChallengeError ? error.reason : error),
    );

  it('lets concurrent lookups of unknown kids share one fetch', async () => {
    const source = new JwksKeySource({ url: jwks.url });
    const lookups = ['a', 'b', 'c', rsa.kid, ec.kid].map((kid) => reasonOf(source.keyFor({ alg: 'RS256', kid })));
    expect(await Promise.all(lookups)).toEqual(['unknown_key', 'unknown_key', 'unknown_key', 'resolved', 'unsupported_algorithm']);
    expect(jwks.requests).toBe(1);
  });

  it('refuses a token without kid, or with one it could never hold, without fetching', async () => {
    const source = new JwksKeySource({ url: jwks.url });
    expect(await reasonOf(source.keyFor({ alg: 'RS256' }))).toBe('unknown_key');
    expect(await reasonOf(source.keyFor({ alg: 'RS256', kid: 'x'.repeat(300) }))).toBe('unknown_key');
    expect(jwks.requests).toBe(0);
  });

  it.each([
    ['a 500', (server: JwksServer) => (server.mode = 'fail')],
    ['a document without usable keys', (server: JwksServer) => (server.keys = [{ kty: 'oct', k: 'c2VjcmV0', kid: 'x' }])],
    ['an empty key set', (server: JwksServer) => (server.keys = [])],
  ])('keeps the cached keys after %s', async (_label, breakServer) => {
    const source = new JwksKeySource({ url: jwks.url, cooldownMs: 0 });
    await source.keyFor({ alg: 'RS256', kid: rsa.kid });
    breakServer(jwks);
    expect(await reasonOf(source.keyFor({ alg: 'RS256', kid: 'unknown' }))).toBe('unknown_key');
    expect(jwks.requests).toBe(2);
    expect(await reasonOf(source.keyFor({ alg: 'RS256', kid: rsa.kid }))).toBe('resolved');
  });

  it('refreshes stale keys in the background without delaying the request', async () => {
    const source = new JwksKeySource({ url: jwks.url, cooldownMs: 0, maxAgeMs: 20 });
    await source.keyFor({ alg: 'RS256', kid: rsa.kid });
    await sleep(40);
    jwks.mode = 'hang';
    const lookup = source.keyFor({ alg: 'RS256', kid: rsa.kid });
    // The stale key answers before any I/O, although the refresh it started never ends.
    expect(await settlesWithoutWaiting(lookup)).toBe(true);
    expect(await reasonOf(lookup)).toBe('resolved');
    await jwks.requestsWhen((requests) => requests === 2);
    expect(jwks.requests).toBe(2);
  });

  it('does not follow redirects', async () => {
    const redirector = createServer((_request, response) => response.writeHead(302, { location: jwks.url }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      const source = new JwksKeySource({ url: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/jwks` });
      expect(await reasonOf(source.keyFor({ alg: 'RS256', kid: rsa.kid }))).toBe('unknown_key');
      expect(jwks.requests).toBe(0);
    } finally {
      await new Promise((resolve) => redirector.close(resolve));
    }
  });

  it('refuses an oversized document', async () => {
    jwks.keys = Array.from({ length: 90 }, (_, i) => ({ ...rsa.jwk, kid: `k${i}`, pad: 'x'.repeat(4_000) }));
    const source = new JwksKeySource({ url: jwks.url });
    expect(await reasonOf(source.keyFor({ alg: 'RS256', kid: 'k1' }))).toBe('unknown_key');
  });
});

describe('JwksKeySource on jose', () => {
  let rsa: SigningKey;
  let jwks: JwksServer;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    rsa = await signingKey('RS256');
  });

  beforeEach(async () => {
    jwks = await JwksServer.start([rsa.jwk]);
  });

  afterEach(() => jwks.stop());

  it('hands the verifier a KeyObject, parsed once and reused for every token of that key', async () => {
    const source = new JwksKeySource({ url: jwks.url });
    const first = await source.keyFor({ alg: 'RS256', kid: rsa.kid });
    expect(first).toBeInstanceOf(KeyObject);
    expect(first.type).toBe('public');
    expect(await source.keyFor({ alg: 'RS256', kid: rsa.kid })).toBe(first);
  });

  it('asks an endpoint that is down once per cooldown, whatever unknown kids arrive', async () => {
    const source = new JwksKeySource({ url: jwks.url, cooldownMs: 60_000 });
    jwks.mode = 'fail';
    for (const kid of ['a', 'b', 'c', rsa.kid]) {
      await expect(source.keyFor({ alg: 'RS256', kid })).rejects.toMatchObject({ reason: 'unknown_key' });
    }
    expect(jwks.requests).toBe(1);
  });

  it('moves to a new generation with each key set it takes in', async () => {
    const source = new JwksKeySource({ url: jwks.url, cooldownMs: 0 });
    expect(source.generation).toBe(0);
    await source.keyFor({ alg: 'RS256', kid: rsa.kid });
    expect(source.generation).toBe(1);
    await expect(source.keyFor({ alg: 'RS256', kid: 'unknown' })).rejects.toMatchObject({ reason: 'unknown_key' });
    expect(source.generation).toBe(2);
  });
});
