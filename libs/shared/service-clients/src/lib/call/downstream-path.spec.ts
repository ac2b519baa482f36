import { BffError } from '@bff/problem';
import { path, withQuery } from './downstream-path';

describe('path', () => {
  it('joins literal parts and identifiers', () => {
    expect(path`/products/${'sku_42-A'}/images`).toBe('/products/sku_42-A/images');
    expect(path`/users/${7}`).toBe('/users/7');
  });

  it.each([
    ['an empty value', ''],
    ['a dot segment', '.'],
    ['a parent segment', '..'],
    ['an encoded parent segment', '%2e%2e'],
    ['an encoded slash', '..%2Fadmin'],
    ['a slash', 'a/b'],
    ['a backslash', 'a\\b'],
    ['an absolute URL', 'http://evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a query', 'a?b=1'],
    ['a fragment', 'a#b'],
    ['whitespace', 'a b'],
    ['a control character', 'a\nb'],
    ['a non-ASCII letter', 'é'],
    ['more than 64 characters', 'a'.repeat(65)],
  ])('rejects %s with INVALID_ID', (_case, value) => {
    const attempt = () => path`/products/${value}`;

    expect(attempt).toThrow(BffError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_ID', status: 400 }));
  });

  it('rejects a number that is not a safe integer', () => {
    expect(() => path`/users/${1.5}`).toThrow(expect.objectContaining({ code: 'INVALID_ID' }));
    expect(() => path`/users/${Number.NaN}`).toThrow(expect.objectContaining({ code: 'INVALID_ID' }));
  });

  it('accepts 64 characters', () => {
    expect(path`/products/${'a'.repeat(64)}`).toBe(`/products/${'a'.repeat(64)}`);
  });

  it.each([
    ['a relative template', () => path`products/${'1'}`],
    ['a protocol-relative template', () => path`//evil.example/${'1'}`],
    ['an absolute template', () => path`http://evil.example/${'1'}`],
    ['a dot segment in the template', () => path`/products/../${'1'}`],
    ['a query in the template', () => path`/products?id=${'1'}`],
  ])('refuses %s', (_case, build) => {
    expect(build).toThrow('Invalid downstream path template');
  });
});

describe('withQuery', () => {
  it('encodes every value and leaves out undefined ones', () => {
    const url = withQuery(path`/reviews`, {
      productId: '42',
      limit: 10,
      cursor: 'a b&c=d/../é',
      missing: undefined,
    });

    expect(url).toBe('/reviews?productId=42&limit=10&cursor=a+b%26c%3Dd%2F..%2F%C3%A9');
    expect(new URLSearchParams(url.split('?')[1]).get('cursor')).toBe('a b&c=d/../é');
  });

  it('adds nothing when no value is set', () => {
    expect(withQuery(path`/products`, { category: undefined })).toBe('/products');
    expect(withQuery(path`/products`, undefined)).toBe('/products');
  });
});
