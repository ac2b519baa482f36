import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { normalizeIp } from '@nestjs/throttler';
import { RequestContext } from '@bff/platform';
import { BffError } from '@bff/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OWNER_OR_SCOPE, type OwnerOrScopePolicy, PUBLIC_ROUTE, REQUIRED_SCOPES } from './access-policy.decorator';
import { AuthChallengeError } from './auth-challenge.error';
import { AuthFailureLimiter, tooManyAuthFailures } from './auth-failure.limiter';
import type { AuthenticatedUser } from './authenticated-user';
import { readBearerToken } from './jwt/bearer-token';
import { JWT_AUTHENTICATOR, type JwtAuthenticator } from './jwt/jwt.authenticator';
import { SESSION_AUTHENTICATOR, type SessionAuthenticator } from './session-authenticator';

type GuardedRequest = FastifyRequest & { user?: AuthenticatedUser };
type RouteTargets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * The global guard `AuthModule` installs: every route needs a caller unless it is
 * `@Public()` (where a caller who did sign in is still identified). A bearer token wins over a session cookie and is verified by
 * @nestjs/passport's `AuthGuard` with this gateway's passport-jwt strategy; the
 * cookie is only consulted when the web session module is loaded. Then the route's
 * scopes and ownership rule are checked, and the caller is left on `request.user`.
 *
 * Every failed authentication is charged to the client's IP (see
 * {@link AuthFailureLimiter}); once its budget is spent, credentials from that IP are
 * not checked at all until the window ends: protected routes answer 429, public
 * routes serve it as anonymous.
 */
@Injectable()
export class BffAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_AUTHENTICATOR) private readonly jwt: JwtAuthenticator,
    private readonly failures: AuthFailureLimiter,
    @Optional() @Inject(SESSION_AUTHENTICATOR) private readonly sessions?: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Only HTTP is served; any other transport added later stays closed until it gets its own rules.
    if (context.getType() !== 'http') return false;
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) {
      await this.identifyOptionally(context, request);
      return true;
    }
    try {
      const user = await this.callerOf(context, request);
      if (user === undefined) throw AuthChallengeError.missingCredentials();
      request.user = user;
      this.authorize(user, targets, request.params);
      return true;
    } catch (error) {
      if (error instanceof AuthChallengeError && error.challenge !== undefined) {
        void http.getResponse<FastifyReply>().header('www-authenticate', error.challenge);
      } else if (error instanceof BffError && error.code === 'RATE_LIMITED') {
        void http.getResponse<FastifyReply>().header('retry-after', String(error.extensions['retryAfterSeconds']));
      }
      throw error;
    }
  }

  /**
   * A public route still learns who a signed-in caller is, so rate limits key on
   * the subject (a publicly cached route then computes its answer with no identity at
   * all, so one entry serves everyone). Bad
   * or expired credentials there are ignored: the route serves anonymous callers
   * anyway, and a stale cookie must not lock a browser out of a public page.
   */
  private async identifyOptionally(context: ExecutionContext, request: GuardedRequest): Promise<void> {
    try {
      const user = await this.callerOf(context, request);
      if (user === undefined) delete request.user;
      else request.user = user;
    } catch {
      delete request.user;
    }
  }

  /**
   * The verified caller, or `undefined` when the request carries no credentials at
   * all. Anonymous is an answer, not an error: public routes see it on most
   * requests, so it costs no exception; bad credentials still reject.
   */
  private async callerOf(context: ExecutionContext, request: FastifyRequest): Promise<AuthenticatedUser | undefined> {
    // Reading the header picks the path, and refuses a token in the URL before a session cookie could count.
    const bearer = readBearerToken(request) !== undefined;
    // Without a bearer token, only a Cookie header can carry credentials (a session cookie).
    if (!bearer && (this.sessions === undefined || request.headers.cookie === undefined)) return undefined;
    // Before any signature check or session lookup: a client past its budget costs no more than this.
    const client = clientOf(request);
    const retryAfterSeconds = this.failures.retryAfterSeconds(client);
    if (retryAfterSeconds > 0) throw tooManyAuthFailures(retryAfterSeconds);
    try {
      return bearer ? await this.jwt.authenticate(context) : await this.sessions?.authenticate(request);
    } catch (error) {
      if (isFailedAuthentication(error)) this.failures.recordFailure(client);
      throw error;
    }
  }

  private authorize(user: AuthenticatedUser, targets: RouteTargets, params: unknown): void {
    const scopes = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, targets) ?? [];
    if (!scopes.every((scope) => user.scopes.includes(scope))) {
      throw AuthChallengeError.insufficientScope(scopes);
    }
    const ownership = this.reflector.getAllAndOverride<OwnerOrScopePolicy | undefined>(OWNER_OR_SCOPE, targets);
    if (ownership === undefined || user.scopes.includes(ownership.scope)) return;
    const owner = (params as Record<string, unknown> | undefined)?.[ownership.param];
    if (owner !== user.sub) throw AuthChallengeError.notOwner(ownership.scope);
  }
}

/**
 * The client a failure is charged to: its address as the platform resolved it for the
 * request context (so `X-Forwarded-For` counts only as far as the configured proxies
 * are trusted), IPv6 by /64 like the rate limits, since one client owns a whole prefix.
 */
function clientOf(request: FastifyRequest): string {
  return normalizeIp(RequestContext.current()?.data.clientIp ?? request.socket.remoteAddress ?? 'unknown');
}

/** Credentials were presented and refused; missing ones cost nothing to check and are not charged. */
function isFailedAuthentication(error: unknown): boolean {
  return error instanceof AuthChallengeError && error.status === 401 && error.reason !== 'missing_credentials';
}
