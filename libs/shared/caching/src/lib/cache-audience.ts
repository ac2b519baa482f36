import type { IncomingHttpHeaders } from 'node:http';
import type { CacheScope } from './cache-policy';

/**
 * Who a cached response may be served to: every anonymous caller (`shared`), one
 * verified subject (`user`), or nobody (`none`, the request is passed through).
 */
export type CacheAudience =
  | { kind: 'shared' }
  | { kind: 'user'; subject: string }
  | { kind: 'none'; reason: string };

export interface AudienceInput {
  scope: CacheScope;
  /** The subject the auth guard verified, if any. */
  subject: string | undefined;
  /** Whether something authenticated the request without yielding a subject. */
  unidentifiedUser: boolean;
  headers: IncomingHttpHeaders;
  /** Cookie names that carry a session; undefined means every cookie counts. */
  sessionCookies: readonly string[] | undefined;
}

/**
 * A response to an authenticated request is never stored under the shared key: with
 * a verified subject it is keyed to that subject; with credentials nobody verified
 * (the route may forward them downstream) it is not cached at all.
 */
export function audienceOf(input: AudienceInput): CacheAudience {
  if (input.subject !== undefined) return { kind: 'user', subject: input.subject };
  if (input.scope === 'per-user') return { kind: 'none', reason: 'per-user route without a verified subject' };
  if (input.unidentifiedUser || hasCredentials(input.headers, input.sessionCookies)) {
    return { kind: 'none', reason: 'credentials without a verified subject' };
  }
  return { kind: 'shared' };
}

function hasCredentials(headers: IncomingHttpHeaders, sessionCookies: readonly string[] | undefined): boolean {
  if (headers.authorization !== undefined && headers.authorization !== '') return true;
  const cookie = headers.cookie;
  if (cookie === undefined || cookie.trim() === '') return false;
  if (sessionCookies === undefined) return true;
  return cookie
    .split(';')
    .map((pair) => pair.split('=', 1)[0]?.trim() ?? '')
    .some((name) => sessionCookies.includes(name));
}
