import type { AuthFailureReason } from '../auth-challenge.error';
import type { AuthenticatedUser } from '../authenticated-user';

/** Printable ASCII only: the subject travels downstream in a header and into cache keys. */
const SUBJECT = /^[\x21-\x7e]{1,255}$/;

/**
 * What a gateway asks of a verified token's claims beyond issuer, audience and
 * signature (which the signature library checks).
 *
 * @example
 * const policy: ClaimsPolicy = { maxLifetimeSeconds: 86_400, clockToleranceSeconds: 30 };
 */
export interface ClaimsPolicy {
  /** Longest `exp - iat`: a stolen token is worth at most this long. */
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
  /** `client_id`/`azp` values allowed; `undefined` lets any client through. */
  allowedClients?: ReadonlySet<string>;
}

/**
 * The caller described by a verified token's claims, or the reason it is refused.
 * The signature library checks `exp` only when present and never looks at `iat`,
 * so both are required here: a token that never expires, or whose lifetime cannot
 * be told, is refused; so is one issued in the future, which would otherwise pass a
 * lifetime check while staying valid for as long as its issuer's clock says.
 */
export function userFromClaims(
  payload: unknown,
  policy: ClaimsPolicy,
  nowSeconds = Date.now() / 1_000,
): AuthenticatedUser | AuthFailureReason {
  if (typeof payload !== 'object' || payload === null) return 'invalid_claims';
  const claims = payload as Record<string, unknown>;
  const { sub, exp, iat } = claims;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) return 'invalid_claims';
  if (typeof exp !== 'number' || typeof iat !== 'number') return 'invalid_claims';
  if (iat > nowSeconds + policy.clockToleranceSeconds) return 'token_not_yet_valid';
  if (exp - iat > policy.maxLifetimeSeconds) return 'token_lifetime_too_long';
  const clientId = typeof claims['client_id'] === 'string' ? claims['client_id'] : undefined;
  const azp = typeof claims['azp'] === 'string' ? claims['azp'] : undefined;
  if (policy.allowedClients !== undefined && !isAllowedClient(policy.allowedClients, clientId, azp)) {
    return 'client_not_allowed';
  }
  const client = clientId ?? azp;
  return {
    sub,
    scopes: scopesFrom(claims),
    ...(client === undefined ? {} : { client }),
    via: 'bearer',
  };
}

/** A client must be named, and every name the token gives must be on the list, so no claim can smuggle in another client. */
function isAllowedClient(allowed: ReadonlySet<string>, clientId: string | undefined, azp: string | undefined): boolean {
  if (clientId === undefined && azp === undefined) return false;
  return (clientId === undefined || allowed.has(clientId)) && (azp === undefined || allowed.has(azp));
}

/** `scope` as a space-separated string (RFC 9068), or `scp` as an array as some issuers send it. */
function scopesFrom(claims: Record<string, unknown>): string[] {
  const { scope, scp } = claims;
  if (typeof scope === 'string') return scope.split(' ').filter((entry) => entry.length > 0);
  if (Array.isArray(scp)) return scp.filter((entry): entry is string => typeof entry === 'string' && entry.length > 0);
  return [];
}
