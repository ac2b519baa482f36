import { audienceOf } from './cache-audience';

describe('cache audience', () => {
  it('shares a public route with every caller, signed in or not', () => {
    expect(audienceOf({ scope: 'public', subject: undefined })).toEqual({ kind: 'shared' });
    expect(audienceOf({ scope: 'public', subject: 'alice' })).toEqual({ kind: 'shared' });
  });

  it('keys a per-user route to the verified subject', () => {
    expect(audienceOf({ scope: 'per-user', subject: 'alice' })).toEqual({ kind: 'user', subject: 'alice' });
  });

  it('does not cache a per-user route for an anonymous caller', () => {
    expect(audienceOf({ scope: 'per-user', subject: undefined }).kind).toBe('none');
  });
});
