import { clearedSessionCookie, SESSION_COOKIE, sessionCookie, sessionIdFrom } from './session-cookie';

const id = 'a'.repeat(43);

describe('session cookie', () => {
  it('is set with exactly the attributes a __Host- cookie needs, and SameSite=Strict', () => {
    expect(sessionCookie(id, 3_600)).toBe(`__Host-bff_session=${id}; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Strict`);
  });

  it('is cleared with the same attributes, an expiry in the past and no value', () => {
    expect(clearedSessionCookie()).toBe(
      '__Host-bff_session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Strict',
    );
  });

  it('is read from a Cookie header among other cookies', () => {
    expect(sessionIdFrom(`theme=dark; ${SESSION_COOKIE}=${id}; lang=en`)).toBe(id);
  });

  it.each([
    ['no Cookie header', undefined],
    ['no session cookie', 'theme=dark'],
    ['a value of the wrong length', `${SESSION_COOKIE}=${'a'.repeat(42)}`],
    ['characters outside base64url', `${SESSION_COOKIE}=${'a'.repeat(42)}!`],
    ['the name without the __Host- prefix', `bff_session=${id}`],
  ])('yields no session id for %s', (_label, header) => {
    expect(sessionIdFrom(header)).toBeUndefined();
  });
});
