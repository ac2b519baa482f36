/**
 * A postal address as the web BFF shows it.
 *
 * @example
 * const address: WebAddress = { line1: '1 Main St', city: 'London', postalCode: 'N1 9GU', country: 'GB' };
 */
export interface WebAddress {
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

/**
 * `GET /users/:userId` on the web BFF, and the `profile` of `GET /auth/me`: the
 * account page's profile. Built field by field from the user service's answer, so
 * a field added downstream (a password hash, an internal flag) never reaches a
 * browser until it is added here.
 *
 * @example
 * const user: WebUser = await (await fetch('/users/1')).json();
 */
export interface WebUser {
  id: string;
  name: string;
  email: string;
  address: WebAddress;
  createdAt: string;
}

/**
 * `POST /auth/login` on the web BFF: who signed in, and the CSRF token the browser
 * app sends back on every write.
 *
 * @example
 * const { csrfToken }: WebLogin = await (await fetch('/auth/login', { method: 'POST', body })).json();
 */
export interface WebLogin {
  sub: string;
  csrfToken: string;
}

/**
 * `GET /auth/me` on the web BFF: who the browser is signed in as.
 *
 * @example
 * const me: WebMe = await (await fetch('/auth/me', { credentials: 'include' })).json();
 * headers['x-csrf-token'] = me.csrfToken;
 */
export interface WebMe {
  sub: string;
  via: 'bearer' | 'session';
  scopes: readonly string[];
  client?: string;
  /** Present for session callers: send it back as `x-csrf-token` on every write. */
  csrfToken?: string;
  profile?: WebUser;
}
