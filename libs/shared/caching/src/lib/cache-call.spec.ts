import { usableTags } from './cache-call';
import { visibleHeaders } from './keyed-headers';

describe('a cached call', () => {
  it('uses tags only when each is a string of 1 to 256 characters', () => {
    expect(usableTags(['product:1', 'user:2'])).toEqual(['product:1', 'user:2']);
    expect(usableTags([])).toEqual([]);
    expect(usableTags(['product:1', ''])).toBeUndefined();
    expect(usableTags(['x'.repeat(257)])).toBeUndefined();
    expect(usableTags([undefined as unknown as string])).toBeUndefined();
  });

  it('shows the handler the keyed language, and credentials only for an entry private to the caller', () => {
    const headers = { authorization: 'Bearer t', cookie: 'a=b', 'x-forwarded-host': 'evil', 'accept-language': 'fr;q=0.1' };
    expect(visibleHeaders(headers, 'en', false)).toEqual({ 'accept-language': 'en' });
    expect(visibleHeaders(headers, 'en', true)).toEqual({ 'accept-language': 'en', authorization: 'Bearer t', cookie: 'a=b' });
    expect(visibleHeaders({}, undefined, true)).toEqual({});
  });
});
