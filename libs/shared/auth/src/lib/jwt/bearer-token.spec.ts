import { AuthChallengeError } from '../auth-challenge.error';
import { MAX_TOKEN_LENGTH, readBearerToken } from './bearer-token';

const reasonOf = (run: () => unknown) => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return error instanceof AuthChallengeError ? error.reason : error;
  }
};

describe('readBearerToken', () => {
  it('reads the token of a Bearer header, whatever the scheme casing', () => {
    expect(readBearerToken({ headers: { authorization: 'Bearer a.b.c' } })).toBe('a.b.c');
    expect(readBearerToken({ headers: { authorization: 'bearer a.b.c' } })).toBe('a.b.c');
  });

  it('returns undefined without an Authorization header', () => {
    expect(readBearerToken({ headers: {}, query: {} })).toBeUndefined();
  });

  it.each([
    ['a token in access_token', { headers: { authorization: 'Bearer a.b.c' }, query: { access_token: 'a.b.c' } }, 'token_in_query'],
    ['a token in token', { headers: {}, query: { token: '' } }, 'token_in_query'],
    ['a header over the limit', { headers: { authorization: `Bearer ${'a'.repeat(MAX_TOKEN_LENGTH + 1)}` } }, 'token_too_large'],
    ['an empty Bearer', { headers: { authorization: 'Bearer ' } }, 'malformed_token'],
    ['characters outside b64token', { headers: { authorization: 'Bearer a.b.c"' } }, 'malformed_token'],
    ['two tokens', { headers: { authorization: 'Bearer a.b.c d.e.f' } }, 'malformed_token'],
    ['Basic credentials', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }, 'unsupported_scheme'],
  ])('refuses %s', (_label, request, reason) => {
    expect(reasonOf(() => readBearerToken(request))).toBe(reason);
  });

  it('accepts a token of exactly the limit', () => {
    expect(readBearerToken({ headers: { authorization: `Bearer ${'a'.repeat(MAX_TOKEN_LENGTH)}` } })).toHaveLength(MAX_TOKEN_LENGTH);
  });
});
