import type { WebMe } from '@bff/web-contracts';

/** A signed-in browser as the app knows it: who, and the token its writes must carry. */
export interface Session {
  sub: string;
  name: string | undefined;
  csrfToken: string;
}

/**
 * The session `GET /auth/me` describes, or `null` when it is not a cookie session
 * (only a session has a CSRF token, and only a session can write from this app).
 *
 * @example
 * const session = sessionFrom(await api.me()); // after a reload, the CSRF token comes back here
 */
export function sessionFrom(me: WebMe | null): Session | null {
  if (me === null || me.via !== 'session' || me.csrfToken === undefined) return null;
  return { sub: me.sub, name: me.profile?.name, csrfToken: me.csrfToken };
}
