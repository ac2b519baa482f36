import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from './authenticated-user';

/**
 * How the auth guard consults browser sessions without depending on the session
 * module, which only the web gateway loads.
 */
export interface SessionAuthenticator {
  /**
   * The session's user, or `undefined` when the request carries no session cookie.
   * Rejects with an `AuthChallengeError` for an ended session or a missing CSRF token.
   */
  authenticate(request: FastifyRequest): Promise<AuthenticatedUser | undefined>;
}

export const SESSION_AUTHENTICATOR = Symbol('SESSION_AUTHENTICATOR');
