/** Where the signing keys come from: exactly one of the two. */
export type AuthKeyOptions =
  | { jwksUrl: string; hs256Secret?: never }
  | { hs256Secret: string; jwksUrl?: never };

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
  /** Allowed clock skew for `exp` and `nbf`, in seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** JWKS cache tuning (defaults: 30 s cooldown between fetches, 2 s fetch timeout, 10 min max age). */
  jwks?: { cooldownMs?: number; timeoutMs?: number; maxAgeMs?: number };
};

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');
