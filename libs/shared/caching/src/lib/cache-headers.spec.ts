import { cacheControlOf, SHARED_VARY, USER_VARY, withVary } from './cache-headers';
import type { CachedResponse } from './cached-response';

const entry = (windows: Pick<CachedResponse, 'ttl' | 'swr' | 'sie'>): CachedResponse => ({
  body: '{}',
  contentType: 'application/json',
  etag: '"e"',
  storedAt: 0,
  ...windows,
});

describe('cache headers', () => {
  it('states the windows of an entry in whole seconds, leaving out those that are zero', () => {
    expect(cacheControlOf(entry({ ttl: 30, swr: 60, sie: 300 }), 'public')).toBe(
      'public, max-age=30, stale-while-revalidate=60, stale-if-error=300',
    );
    expect(cacheControlOf(entry({ ttl: 15.7, swr: 0, sie: 0 }), 'private')).toBe('private, max-age=15');
  });

  it('builds the Cache-Control of an entry once per audience', () => {
    const served = entry({ ttl: 1, swr: 2, sie: 0 });
    expect(cacheControlOf(served, 'public')).toBe(cacheControlOf(served, 'public'));
    expect(cacheControlOf(served, 'private')).toBe('private, max-age=1, stale-while-revalidate=2');
  });

  it('adds its Vary names to those a route or CORS already set, once each', () => {
    expect(withVary(undefined, SHARED_VARY)).toBe('Accept-Language');
    expect(withVary(undefined, USER_VARY)).toBe('Accept-Language, Authorization, Cookie');
    expect(withVary('Origin, accept-language', USER_VARY)).toBe('Origin, accept-language, Authorization, Cookie');
    expect(withVary(['Origin', 'Cookie'], SHARED_VARY)).toBe('Origin, Cookie, Accept-Language');
  });
});
