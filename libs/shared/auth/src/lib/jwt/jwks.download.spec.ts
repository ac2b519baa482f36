import { JwksServer } from '../testing/jwks-server.fixture';
import { signingKey, type SigningKey } from '../testing/tokens.fixture';
import { JwksDownload } from './jwks.download';

describe('JwksDownload', () => {
  let rsa: SigningKey;
  let ec: SigningKey;
  let jwks: JwksServer;
  const warnings: string[] = [];
  const logger = { warn: (message: string) => void warnings.push(message) };
  const request = () => ({ headers: new Headers(), signal: AbortSignal.timeout(2_000) });

  beforeAll(async () => {
    [rsa, ec] = await Promise.all([signingKey('RS256'), signingKey('ES256')]);
  });

  beforeEach(async () => {
    warnings.length = 0;
    jwks = await JwksServer.start([rsa.jwk, ec.jwk]);
  });

  afterEach(() => jwks.stop());

  it('hands jose only pinned signing keys, each with its one algorithm, and remembers which', async () => {
    jwks.keys = [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }, { ...rsa.jwk, alg: undefined, use: undefined }, ec.jwk];
    const download = new JwksDownload({ cooldownMs: 0 }, logger);

    const body = (await (await download.fetch(jwks.url, request())).json()) as { keys: Record<string, unknown>[] };

    expect(body.keys).toEqual([
      expect.objectContaining({ kid: rsa.kid, kty: 'RSA', alg: 'RS256', use: 'sig' }),
      expect.objectContaining({ kid: ec.kid, kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' }),
    ]);
    expect(download.algorithmOf(rsa.kid)).toBe('RS256');
    expect(download.algorithmOf(ec.kid)).toBe('ES256');
    expect(download.algorithmOf('hmac')).toBeUndefined();
    expect(download.generation).toBe(1);
  });

  it('fails a set without usable keys, so jose keeps the one it holds, and logs why', async () => {
    const download = new JwksDownload({ cooldownMs: 0 }, logger);
    await download.fetch(jwks.url, request());
    jwks.keys = [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }];

    await expect(download.fetch(jwks.url, request())).rejects.toThrow('no usable signing keys');

    expect(download.generation).toBe(1);
    expect(download.algorithmOf(rsa.kid)).toBe('RS256');
    expect(warnings).toEqual(['JWKS refresh failed, keeping 2 cached key(s): no usable signing keys']);
  });

  it('counts the cooldown from the last attempt, failed ones included, without logging a refusal', async () => {
    jwks.mode = 'fail';
    const download = new JwksDownload({ cooldownMs: 60_000 }, logger);

    await expect(download.fetch(jwks.url, request())).rejects.toThrow('status 500');
    await expect(download.fetch(jwks.url, request())).rejects.toThrow('JWKS fetched too recently');

    expect(jwks.requests).toBe(1);
    expect(warnings).toEqual(['JWKS refresh failed, keeping 0 cached key(s): status 500']);
  });

  it('tells a stale set from a fresh one', async () => {
    const download = new JwksDownload({ cooldownMs: 0 }, logger);
    expect(download.olderThan(60_000)).toBe(true);
    await download.fetch(jwks.url, request());
    expect(download.olderThan(60_000)).toBe(false);
  });
});
