import { fastifyCookie, type SerializeOptions } from '@fastify/cookie';

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, has `Path=/` and no
 * `Domain`, so a sibling subdomain can neither set nor overwrite it.
 */
export const SESSION_COOKIE = '__Host-bff_session';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * What `__Host-` demands (Secure, `Path=/`, no `Domain`), plus `HttpOnly` and
 * `SameSite=Strict`: the cookie only authenticates the browser app's own API calls;
 * it is not needed on navigations arriving from other sites, and leaving it off
 * them removes most cross-site request forgery before the CSRF token is even checked.
 */
const HOST_COOKIE: SerializeOptions = { httpOnly: true, secure: true, sameSite: 'strict', path: '/' };

/** The `Set-Cookie` value that starts a session, serialized by `@fastify/cookie`. */
export function sessionCookie(sessionId: string, maxAgeSeconds: number): string {
  return fastifyCookie.serialize(SESSION_COOKIE, sessionId, { ...HOST_COOKIE, maxAge: maxAgeSeconds });
}

/** The `Set-Cookie` value that makes the browser drop the session cookie. */
export function clearedSessionCookie(): string {
  return fastifyCookie.serialize(SESSION_COOKIE, '', { ...HOST_COOKIE, maxAge: 0, expires: new Date(0) });
}

/** The session id from the `Cookie` header, parsed by `@fastify/cookie`, if it has the shape of one we issue. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined || !cookieHeader.includes(SESSION_COOKIE)) return undefined;
  const value = fastifyCookie.parse(cookieHeader)[SESSION_COOKIE];
  return value !== undefined && SESSION_ID.test(value) ? value : undefined;
}
