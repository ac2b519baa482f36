import { audienceOf, AudienceInput } from './cache-audience';

describe('cache audience', () => {
  const anonymous: AudienceInput = { scope: 'public', subject: undefined, unidentifiedUser: false, headers: {}, sessionCookies: undefined };

  it('shares public responses to anonymous requests', () => {
    expect(audienceOf(anonymous)).toEqual({ kind: 'shared' });
  });

  it('keys any request with a verified subject to that subject, whatever the scope', () => {
    expect(audienceOf({ ...anonymous, subject: 'alice' })).toEqual({ kind: 'user', subject: 'alice' });
    expect(audienceOf({ ...anonymous, scope: 'per-user', subject: 'alice' })).toEqual({ kind: 'user', subject: 'alice' });
  });

  it.each([
    ['an anonymous request to a per-user route', { scope: 'per-user' as const }],
    ['an Authorization header nobody verified', { headers: { authorization: 'Bearer x' } }],
    ['any cookie, by default', { headers: { cookie: 'theme=dark' } }],
    ['a configured session cookie', { headers: { cookie: 'theme=dark; __Host-bff_session=abc' }, sessionCookies: ['__Host-bff_session'] }],
    ['a user without a subject', { unidentifiedUser: true }],
  ])('does not cache %s', (_case, input: Partial<AudienceInput>) => {
    expect(audienceOf({ ...anonymous, ...input }).kind).toBe('none');
  });

  it('ignores cookies that are not session cookies when those are configured', () => {
    expect(audienceOf({ ...anonymous, headers: { cookie: 'theme=dark' }, sessionCookies: ['__Host-bff_session'] })).toEqual({
      kind: 'shared',
    });
  });
});
