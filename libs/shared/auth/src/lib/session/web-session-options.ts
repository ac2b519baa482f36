import type { AuthenticatedUser } from '../authenticated-user';
import type { CredentialsVerifier } from './credentials-verifier';

/**
 * Browser session settings for the web gateway.
 *
 * @example
 * const options: WebSessionOptions = {
 *   credentials: { verify: (email, password) => users.verifyCredentials({ email, password }) },
 *   redisUrl: 'redis://127.0.0.1:6379',
 *   ttlSeconds: 8 * 3600,
 *   profile: (user) => users.getUser(user.sub),
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
  /** Adds the caller's profile (e.g. from the user service) to `GET /auth/me` as `profile`. */
  profile?: (user: AuthenticatedUser) => Promise<unknown>;
}

export const WEB_SESSION_OPTIONS = Symbol('WEB_SESSION_OPTIONS');
export const SESSION_STORE = Symbol('SESSION_STORE');

export const DEFAULT_SESSION_TTL_SECONDS = 8 * 3_600;
