import { BffError } from '@bff/problem';
import { cacheKey, canonicalPath, canonicalQuery } from './cache-key';

describe('cache key', () => {
  const parts = { client: 'web', path: '/products/1', query: '', language: 'en' };

  it('differs by client, path, query, language and subject', () => {
    const keys = new Set([
      cacheKey('p:', parts),
      cacheKey('p:', { ...parts, client: 'mobile' }),
      cacheKey('p:', { ...parts, path: '/products/2' }),
      cacheKey('p:', { ...parts, query: 'currency=EUR' }),
      cacheKey('p:', { ...parts, language: 'fr' }),
      cacheKey('p:', { ...parts, subject: 'alice' }),
      cacheKey('p:', { ...parts, subject: 'bob' }),
    ]);
    expect(keys.size).toBe(7);
  });

  it('is namespaced and never contains the subject or the query in clear', () => {
    const key = cacheKey('bff:cache:', { ...parts, query: 'secret=1', subject: 'alice@example.com' });
    expect(key).toMatch(/^bff:cache:r:web:[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['/products/%31', '/products/1'],
    ['/products/%7e', '/products/~'],
    ['/products/a%2Fb', '/products/a%2Fb'],
    ['/products/1?x=1', '/products/1'],
    ['/products/%E0%A4%A', '/products/%E0%A4%A'],
  ])('canonical path of %s is %s', (url, path) => {
    expect(canonicalPath(url)).toBe(path);
  });

  it('sorts parameters by name and keeps repeated values in order', () => {
    const allowed = new Set(['b', 'a']);
    expect(canonicalQuery({ b: ['2', '1'], a: 'x y' }, allowed)).toBe('a=x%20y&b=2&b=1');
    expect(canonicalQuery({}, allowed)).toBe('');
  });

  it('rejects an undeclared parameter with INVALID_QUERY naming it', () => {
    expect(() => canonicalQuery({ a: '1', utm_source: 'x' }, new Set(['a']))).toThrow(
      expect.objectContaining({ code: 'INVALID_QUERY', extensions: { parameter: 'utm_source' } }) as BffError,
    );
  });
});
