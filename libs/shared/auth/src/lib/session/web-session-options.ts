import type { AuthenticatedUser } from '../authenticated-user';
import type { CredentialsVerifier } from './credentials-verifier';
import type { SessionLimits } from './session-limits';

/**
 * Browser session settings for the web gateway.
 *
 * @example
 * const options: WebSessionOptions = {
 *   credentials: { verify: (email, password) => users.verifyCredentials({ email, password }) },
 *   redisUrl: 'redis://127.0.0.1:6379',
 *   ttlSeconds: 8 * 3600,
 *   limits: { maxPerUser: 10, maxTotal: 100_000 },
 *   scopes: ['reviews:write'],
 *   profile: (user) => users.getUser(user.sub).then(toWebUser),
 * };
 */
export interface WebSessionOptions {
  /** Checks the email and password posted to `/auth/login`. */
  credentials: CredentialsVerifier;
  /** Sessions go to Redis when set (shared by replicas), otherwise to process memory. */
  redisUrl?: string;
  /** Session lifetime from sign-in, in seconds. Default 8 hours. */
  ttlSeconds?: number;
  /** Redis key prefix. Default `bff:web:session:`. */
  keyPrefix?: string;
  /** Sessions per user (the oldest goes) and in total (sign-in refused). Default 10 and 100,000. */
  limits?: SessionLimits;
  /**
   * Scopes a browser session carries. The session is the gateway's own first-party
   * app acting for its user, so it may hold what that app needs (e.g.
   * `reviews:write`); a third-party client gets scopes only in a token. Default none.
   */
  scopes?: readonly string[];
  /**
   * Adds the caller's profile (e.g. from the user service) to `GET /auth/me` as
   * `profile`. Return an explicit contract, never a downstream object as it is: a
   * field added downstream would otherwise reach the browser.
   */
  profile?: (user: AuthenticatedUser) => Promise<unknown>;
}

export const WEB_SESSION_OPTIONS = Symbol('WEB_SESSION_OPTIONS');
export const SESSION_STORE = Symbol('SESSION_STORE');

export const DEFAULT_SESSION_TTL_SECONDS = 8 * 3_600;
