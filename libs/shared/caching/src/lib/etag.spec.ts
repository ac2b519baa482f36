import { matchesIfNoneMatch, strongEtag } from './etag';

describe('ETag', () => {
  it('is strong, quoted and the same for the same body', () => {
    expect(strongEtag('{"a":1}')).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(strongEtag('{"a":1}')).toBe(strongEtag('{"a":1}'));
    expect(strongEtag('{"a":2}')).not.toBe(strongEtag('{"a":1}'));
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
