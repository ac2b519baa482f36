import { resolveThrottlingOptions, ThrottlingOptions } from './throttling.options';

const valid: ThrottlingOptions = {
  tiers: { default: [{ name: 'minute', limit: 60, windowSeconds: 60 }] },
  defaultTier: 'default',
  trustedProxyHops: 0,
  keyPrefix: 'app:rl:',
};

describe('resolveThrottlingOptions', () => {
  it('fills in the skipped routes and the local cap', () => {
    expect(resolveThrottlingOptions(valid)).toEqual({
      ...valid,
      skipRoutes: ['/health', '/metrics'],
      maxLocalKeys: 50_000,
    });
  });

  it('names every problem of invalid options at once', () => {
    const attempt = () =>
      resolveThrottlingOptions({
        tiers: {
          default: [
            { name: 'minute', limit: 0, windowSeconds: 60 },
            { name: 'minute', limit: 10, windowSeconds: 0.5 },
          ],
          empty: [],
        },
        defaultTier: 'standard',
        trustedProxyHops: -1,
        keyPrefix: '',
      });
    expect(attempt).toThrow(/defaultTier "standard"/);
    expect(attempt).toThrow(/"minute" limit must be a positive integer/);
    expect(attempt).toThrow(/policy "minute" appears twice/);
    expect(attempt).toThrow(/windowSeconds must be a positive integer/);
    expect(attempt).toThrow(/tier "empty" has no policy/);
    expect(attempt).toThrow(/trustedProxyHops/);
    expect(attempt).toThrow(/keyPrefix/);
  });

  it('does not mistake inherited object properties for tiers', () => {
    expect(() => resolveThrottlingOptions({ ...valid, defaultTier: 'constructor' })).toThrow(/defaultTier/);
  });
});
