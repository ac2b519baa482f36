import { resolveThrottlingOptions, ThrottlingOptions } from './throttling.options';

const valid: ThrottlingOptions = {
  tiers: { default: [{ name: 'minute', limit: 60, windowSeconds: 60 }] },
  defaultTier: 'default',
  keyPrefix: 'app:rl:',
};

describe('resolveThrottlingOptions', () => {
  it('fills in the skipped routes and the local cap', () => {
    expect(resolveThrottlingOptions(valid)).toEqual({
      ...valid,
      trustedProxies: [],
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
        trustedProxies: ['10.0.0.0/8', '10.0.0.0/33'],
        keyPrefix: '',
      });
    expect(attempt).toThrow(/defaultTier "standard"/);
    expect(attempt).toThrow(/"minute" limit must be a positive integer/);
    expect(attempt).toThrow(/policy "minute" appears twice/);
    expect(attempt).toThrow(/windowSeconds must be a positive integer/);
    expect(attempt).toThrow(/tier "empty" has no policy/);
    expect(attempt).toThrow(/trustedProxies: "10.0.0.0\/33" is not an IP address or CIDR range/);
    expect(attempt).toThrow(/keyPrefix/);
  });

  it('does not mistake inherited object properties for tiers', () => {
    expect(() => resolveThrottlingOptions({ ...valid, defaultTier: 'constructor' })).toThrow(/defaultTier/);
  });
});
