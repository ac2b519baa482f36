import { toPolicyMetadata } from './cache-policy';

describe('cache policy', () => {
  it('fills in defaults: no stale windows, no query parameters, no tags', () => {
    const policy = toPolicyMetadata({ ttlSeconds: 30, scope: 'public' });
    expect(policy).toMatchObject({ ttlSeconds: 30, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0, scope: 'public' });
    expect([...policy.query]).toEqual([]);
    expect(policy.tags({ params: {}, query: {} })).toEqual([]);
  });

  it.each([
    [{ ttlSeconds: 0, scope: 'public' as const }, /ttlSeconds/],
    [{ ttlSeconds: -1, scope: 'public' as const }, /ttlSeconds/],
    [{ ttlSeconds: 1, staleIfErrorSeconds: Number.NaN, scope: 'public' as const }, /staleIfErrorSeconds/],
    [{ ttlSeconds: 1, scope: 'everyone' as 'public' }, /scope/],
  ])('rejects %j when the decorator is applied', (options, message) => {
    expect(() => toPolicyMetadata(options)).toThrow(message);
  });
});
