import { BffError } from '@bff/problem';

/**
 * Short, stable reasons a request was refused. They tell a client developer what to
 * fix without saying anything about keys or signatures an attacker could use.
 */
export type AuthFailureReason =
  | 'missing_credentials'
  | 'malformed_token'
  | 'token_too_large'
  | 'token_in_query'
  | 'unsupported_scheme'
  | 'unsupported_algorithm'
  | 'unsupported_header'
  | 'invalid_token_type'
  | 'unknown_key'
  | 'invalid_signature'
  | 'invalid_issuer'
  | 'invalid_audience'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'invalid_claims'
  | 'token_lifetime_too_long'
  | 'client_not_allowed'
  | 'session_expired'
  | 'invalid_credentials'
  | 'csrf_token_invalid'
  | 'insufficient_scope'
  | 'not_owner';

/**
 * A 401 or 403 together with the `WWW-Authenticate` challenge RFC 6750 asks for.
 * The auth guard copies the challenge onto the reply; the problem details filter
 * renders the rest like any other {@link BffError}.
 */
export class AuthChallengeError extends BffError {
  private constructor(
    code: 'UNAUTHORIZED' | 'FORBIDDEN',
    detail: string,
    readonly reason: AuthFailureReason,
    /** `WWW-Authenticate` value, when the refusal is one a token could fix. */
    readonly challenge?: string,
  ) {
    super(code, detail, { reason });
  }

  /** No credentials at all: a bare challenge, without an error code (RFC 6750 §3.1). */
  static missingCredentials(): AuthChallengeError {
    return new AuthChallengeError('UNAUTHORIZED', 'Authentication is required.', 'missing_credentials', 'Bearer');
  }

  static invalidToken(reason: AuthFailureReason): AuthChallengeError {
    return new AuthChallengeError('UNAUTHORIZED', 'The access token is invalid.', reason, 'Bearer error="invalid_token"');
  }

  static invalidRequest(reason: AuthFailureReason, detail: string): AuthChallengeError {
    return new AuthChallengeError('UNAUTHORIZED', detail, reason, 'Bearer error="invalid_request"');
  }

  static sessionExpired(): AuthChallengeError {
    return new AuthChallengeError('UNAUTHORIZED', 'The session has ended; sign in again.', 'session_expired', 'Bearer');
  }

  /** The same answer for an unknown user and a wrong password, so neither can be told apart. */
  static invalidCredentials(): AuthChallengeError {
    return new AuthChallengeError('UNAUTHORIZED', 'Invalid email or password.', 'invalid_credentials', 'Bearer');
  }

  static insufficientScope(scopes: readonly string[]): AuthChallengeError {
    const scope = scopes.join(' ');
    return new AuthChallengeError(
      'FORBIDDEN',
      `This request needs the scope "${scope}".`,
      'insufficient_scope',
      `Bearer error="insufficient_scope", scope="${scope}"`,
    );
  }

  /** Object-level authorization: the resource belongs to someone else. */
  static notOwner(scope: string): AuthChallengeError {
    return new AuthChallengeError(
      'FORBIDDEN',
      `Only its owner, or a caller with the scope "${scope}", may access this resource.`,
      'not_owner',
      `Bearer error="insufficient_scope", scope="${scope}"`,
    );
  }

  static csrf(): AuthChallengeError {
    return new AuthChallengeError(
      'FORBIDDEN',
      'A request authenticated by the session cookie must carry its x-csrf-token header.',
      'csrf_token_invalid',
    );
  }
}
