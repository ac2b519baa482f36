import { fastifyCookie } from '@fastify/cookie';

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, has `Path=/` and no
 * `Domain`, so a sibling subdomain can neither set nor overwrite it.
 */
export const SESSION_COOKIE = '__Host-bff_session';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * `SameSite=Strict`: the cookie only authenticates the browser app's own API calls;
 * it is not needed on navigations arriving from other sites, and leaving it off
 * them removes most cross-site request forgery before the CSRF token is even checked.
 */
export function sessionCookie(sessionId: string, maxAgeSeconds: number): string {
  return fastifyCookie.serialize(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

export function clearedSessionCookie(): string {
  return fastifyCookie.serialize(SESSION_COOKIE, '', {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: '/',
    maxAge: 0,
    expires: new Date(0),
  });
}

/** The session id from the `Cookie` header, if it has the shape of one we issue. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined || !cookieHeader.includes(SESSION_COOKIE)) return undefined;
  const value = fastifyCookie.parse(cookieHeader)[SESSION_COOKIE];
  return value !== undefined && SESSION_ID.test(value) ? value : undefined;
}
