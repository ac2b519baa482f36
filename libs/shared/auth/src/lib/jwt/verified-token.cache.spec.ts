import type { AuthenticatedUser } from '../authenticated-user';
import { VerifiedTokenCache } from './verified-token.cache';

const user: AuthenticatedUser = { sub: '1', scopes: [], via: 'bearer' };

describe('VerifiedTokenCache', () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    now = 1_700_000_000_000;
  });

  it('returns the caller of a remembered token until its exp, then forgets it', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 10, maxAgeSeconds: 300 }, clock);
    cache.remember('token-a', user, now / 1_000 + 60, 0);
    expect(cache.lookup('token-a', 0)).toBe(user);
    now += 59_999;
    expect(cache.lookup('token-a', 0)).toBe(user);
    now += 1;
    expect(cache.lookup('token-a', 0)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('trusts a verification for at most maxAgeSeconds, even for a long-lived token', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 10, maxAgeSeconds: 300 }, clock);
    cache.remember('token-a', user, now / 1_000 + 86_400, 0);
    now += 299_000;
    expect(cache.lookup('token-a', 0)).toBe(user);
    now += 1_000;
    expect(cache.lookup('token-a', 0)).toBeUndefined();
  });

  it('does not remember a token that has already expired', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 10, maxAgeSeconds: 300 }, clock);
    cache.remember('token-a', user, now / 1_000 - 1, 0);
    expect(cache.size).toBe(0);
  });

  it('knows only the exact token it verified', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 10, maxAgeSeconds: 300 }, clock);
    cache.remember('token-a', user, now / 1_000 + 60, 0);
    expect(cache.lookup('token-b', 0)).toBeUndefined();
    expect(cache.lookup('token-a ', 0)).toBeUndefined();
  });

  it('stays within maxEntries, dropping the least recently used token', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 2, maxAgeSeconds: 300 }, clock);
    cache.remember('a', user, now / 1_000 + 60, 0);
    cache.remember('b', user, now / 1_000 + 60, 0);
    cache.lookup('a', 0);
    cache.remember('c', user, now / 1_000 + 60, 0);
    expect(cache.size).toBe(2);
    expect(cache.lookup('b', 0)).toBeUndefined();
    expect(cache.lookup('a', 0)).toBe(user);
  });

  it('forgets every verification once the key source moves to a new generation', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 10, maxAgeSeconds: 300 }, clock);
    cache.remember('token-a', user, now / 1_000 + 60, 3);
    expect(cache.lookup('token-a', 3)).toBe(user);
    expect(cache.lookup('token-a', 4)).toBeUndefined();
    expect(cache.lookup('token-a', 3)).toBeUndefined();
  });
});
