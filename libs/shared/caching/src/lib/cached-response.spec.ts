import { CachedResponse, freshnessOf, retentionMs } from './cached-response';

describe('freshness', () => {
  const entry: CachedResponse = { body: '{}', contentType: 'application/json', etag: '"e"', storedAt: 0, ttl: 10, swr: 20, sie: 60 };

  it.each([
    [0, 'fresh'],
    [9_999, 'fresh'],
    [10_000, 'stale-while-revalidate'],
    [29_999, 'stale-while-revalidate'],
    [30_000, 'stale-if-error'],
    [69_999, 'stale-if-error'],
    [70_000, 'expired'],
  ])('at %i ms an entry is %s', (now, freshness) => {
    expect(freshnessOf(entry, now)).toBe(freshness);
  });

  it('is retained until the longest window closes', () => {
    expect(retentionMs({ ttlSeconds: 10, staleWhileRevalidateSeconds: 20, staleIfErrorSeconds: 60 })).toBe(70_000);
    expect(retentionMs({ ttlSeconds: 0.5, staleWhileRevalidateSeconds: 0, staleIfErrorSeconds: 0 })).toBe(500);
  });
});
