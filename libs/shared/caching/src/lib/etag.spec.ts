import { matchesIfNoneMatch, pageEtag } from './etag';

describe('ETag', () => {
  it('is weak, quoted and the same for the same body, so it holds for every content-coding of it', () => {
    expect(pageEtag('{"a":1}')).toMatch(/^W\/"[A-Za-z0-9_-]{32}"$/);
    expect(pageEtag('{"a":1}')).toBe(pageEtag('{"a":1}'));
    expect(pageEtag('{"a":2}')).not.toBe(pageEtag('{"a":1}'));
  });

  it('matches the client\'s copy whether the client kept the tag weak or strong', () => {
    const etag = pageEtag('{"a":1}');
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch(etag.slice(2), etag)).toBe(true);
  });

  it.each([
    ['"abc"', true],
    ['"x", "abc"', true],
    ['W/"abc"', true],
    ['*', true],
    ['"abcd"', false],
    ['abc', false],
  ])('If-None-Match %s matches "abc": %s', (header, matches) => {
    expect(matchesIfNoneMatch(header, '"abc"')).toBe(matches);
  });

  it('does not match without the header', () => {
    expect(matchesIfNoneMatch(undefined, '"abc"')).toBe(false);
  });
});
