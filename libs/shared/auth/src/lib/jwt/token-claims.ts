import type { AuthenticatedUser } from '../authenticated-user';

/** Printable ASCII only: the subject travels downstream in a header and into cache keys. */
const SUBJECT = /^[\x21-\x7e]{1,255}$/;

/**
 * The caller described by a verified token's claims, or `undefined` when a claim we
 * rely on is missing. The signature library checks `exp` only when present, so
 * its presence is enforced here: a token that never expires is refused.
 */
export function userFromClaims(payload: unknown): AuthenticatedUser | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const claims = payload as Record<string, unknown>;
  if (typeof claims['sub'] !== 'string' || !SUBJECT.test(claims['sub'])) return undefined;
  if (typeof claims['exp'] !== 'number') return undefined;
  const client = [claims['client_id'], claims['azp']].find((value): value is string => typeof value === 'string');
  return {
    sub: claims['sub'],
    scopes: scopesFrom(claims),
    ...(client === undefined ? {} : { client }),
    via: 'bearer',
  };
}

/** `scope` as a space-separated string (RFC 9068), or `scp` as an array as some issuers send it. */
function scopesFrom(claims: Record<string, unknown>): string[] {
  const { scope, scp } = claims;
  if (typeof scope === 'string') return scope.split(' ').filter((entry) => entry.length > 0);
  if (Array.isArray(scp)) return scp.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0);
  return [];
}
