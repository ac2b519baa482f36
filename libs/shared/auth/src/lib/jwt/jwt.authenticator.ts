import type { ExecutionContext } from '@nestjs/common';
import { AuthGuard, type IAuthModuleOptions } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { AuthenticatedUser } from '../authenticated-user';
import { AuthChallengeError, type AuthFailureReason } from '../auth-challenge.error';
import { readBearerToken } from './bearer-token';
import type { KeySource } from './key-source';
import { VerifiedTokenCache } from './verified-token.cache';

/** The bearer-token path of the global guard. */
export interface JwtAuthenticator {
  /** The caller of a request that carries a bearer token; rejects with an `AuthChallengeError`. */
  authenticate(context: ExecutionContext): Promise<AuthenticatedUser>;
}

export const JWT_AUTHENTICATOR = Symbol('JWT_AUTHENTICATOR');

/**
 * A verification is reused for at most five minutes (or until `exp`, if sooner), so a
 * token signed by a key withdrawn from the key set stops working within that time.
 */
const VERIFIED_TOKENS = { maxEntries: 10_000, maxAgeSeconds: 300 };

/** Pinned rather than taken from any `PassportModule.register()`: tokens never start a passport session. */
const AUTHENTICATE_OPTIONS: IAuthModuleOptions = { session: false, property: 'user' };

/**
 * @nestjs/passport's `AuthGuard(strategyName)` for one gateway's strategy. The global
 * guard runs it for requests carrying a bearer token, after it has settled `@Public()`
 * and before it checks scopes and ownership. Passport's failures, which are
 * jsonwebtoken's errors or our own challenges, become the short reason codes clients
 * see; nothing of the verifier's message reaches them.
 *
 * `AuthGuard` keeps one small class per strategy name it was asked for; names are
 * made per module, not per request, so that stays as small as the number of
 * `AuthModule`s ever created.
 */
export function createJwtAuthenticator(
  strategyName: string,
  keys: Pick<KeySource, 'generation'>,
  verified = new VerifiedTokenCache(VERIFIED_TOKENS),
): JwtAuthenticator {
  class JwtAuthGuard extends AuthGuard(strategyName) implements JwtAuthenticator {
    async authenticate(context: ExecutionContext): Promise<AuthenticatedUser> {
      // AuthGuard leaves what handleRequest returned on the request, under AUTHENTICATE_OPTIONS.property.
      const request: FastifyRequest & { user: AuthenticatedUser } = this.getRequest(context);
      const token = readBearerToken(request);
      const known = token === undefined ? undefined : verified.lookup(token, keys.generation);
      if (known !== undefined) {
        request.user = known;
        return known;
      }
      // Read before verifying: a key set that changes meanwhile must not vouch for this result.
      const generation = keys.generation;
      await this.canActivate(context);
      if (token !== undefined) verified.remember(token, Object.freeze(request.user), expiryOf(token), generation);
      return request.user;
    }

    override getAuthenticateOptions(): IAuthModuleOptions {
      return AUTHENTICATE_OPTIONS;
    }

    override handleRequest<TUser = AuthenticatedUser>(error: unknown, user: unknown, info: unknown): TUser {
      if (error) throw error;
      if (!user) throw rejectionFrom(info);
      return user as TUser;
    }
  }

  return new JwtAuthGuard();
}

/** Maps jsonwebtoken's failures to our short reason codes; its messages never reach the client. */
function rejectionFrom(info: unknown): AuthChallengeError {
  if (info instanceof AuthChallengeError) return info;
  const { name, message } = (info ?? {}) as { name?: unknown; message?: unknown };
  return AuthChallengeError.invalidToken(reasonFor(name, typeof message === 'string' ? message : ''));
}

function reasonFor(name: unknown, message: string): AuthFailureReason {
  if (name === 'TokenExpiredError') return 'token_expired';
  if (name === 'NotBeforeError') return 'token_not_yet_valid';
  if (message.includes('audience')) return 'invalid_audience';
  if (message.includes('issuer')) return 'invalid_issuer';
  if (message.includes('signature')) return 'invalid_signature';
  if (message.includes('algorithm') || message.includes('asymmetric') || message.includes('symmetric')) {
    return 'unsupported_algorithm';
  }
  return 'malformed_token';
}

/** The `exp` of a token passport-jwt has just verified (and `userFromClaims` required). */
function expiryOf(token: string): number {
  const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
  const exp = (payload as { exp?: unknown }).exp;
  return typeof exp === 'number' ? exp : 0;
}
