/** Where the signing keys come from: exactly one of the two. */
export type AuthKeyOptions =
  | { jwksUrl: string; hs256Secret?: never }
  | { hs256Secret: string; jwksUrl?: never };

/**
 * How many failed authentications one client IP may cause per window before the
 * gateway stops checking its credentials (429 until the window ends).
 *
 * @example
 * const failures: AuthFailureLimit = { limit: 30, windowSeconds: 60 };
 */
export interface AuthFailureLimit {
  limit: number;
  windowSeconds: number;
}

/**
 * Token validation settings for one gateway, as `AuthModule.forRootAsync` expects
 * them from its factory (usually via `authOptionsFromConfig`).
 *
 * @example
 * const options: AuthOptions = {
 *   issuer: 'https://id.example.com/',
 *   audience: 'mobile-bff',
 *   jwksUrl: 'https://id.example.com/.well-known/jwks.json',
 * };
 */
export type AuthOptions = AuthKeyOptions & {
  /** Required `iss` claim. */
  issuer: string;
  /** Required `aud` claim; each gateway has its own, so a token for one is refused by the other. */
  audience: string;
  /** Allowed clock skew for `exp`, `nbf` and `iat`, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** JWKS cache tuning (defaults: 30 s cooldown between fetches, 2 s fetch timeout, 10 min max age). */
  jwks?: { cooldownMs?: number; timeoutMs?: number; maxAgeMs?: number };
  /**
   * Header `typ` values accepted, compared as RFC 7515 media types (case-insensitive,
   * `application/` optional). Default `at+jwt` only (RFC 9068), so an ID token or any
   * other JWT signed by the same issuer is not taken for an access token.
   */
  acceptedTokenTypes?: readonly string[];
  /** Longest `exp - iat` accepted, in seconds. Default 86,400 (24 h). */
  maxTokenLifetimeSeconds?: number;
  /** When not empty, `client_id` (else `azp`) must be one of these. Default: any client. */
  allowedClientIds?: readonly string[];
  /** Failed authentications allowed per client IP. Default 30 per 60 s. */
  failures?: AuthFailureLimit;
};

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
