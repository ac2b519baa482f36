import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems, BodyLimit, JSON_WRITE_BODY_LIMIT, headerRefs } from '@bff/platform';
import { BffError } from '@bff/problem';
import { RateLimitTier, bodyField } from '@bff/throttling';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../access-policy.decorator';
import { AuthChallengeError } from '../auth-challenge.error';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser } from '../current-user.decorator';
import { parseLoginRequest } from './login-request';
import { clearedSessionCookie, sessionCookie } from './session-cookie';
import { SESSION_CAPACITY_RETRY_AFTER_SECONDS } from './session-limits';
import { SessionService } from './session.service';

export interface LoginResponse {
  sub: string;
  /** Send back as `x-csrf-token` on every POST/PUT/PATCH/DELETE made with the session cookie. */
  csrfToken: string;
}

export interface MeResponse {
  sub: string;
  via: AuthenticatedUser['via'];
  scopes: readonly string[];
  client?: string;
  /** Present for session callers, so a reloaded page can recover it. */
  csrfToken?: string;
  /** What the app's `profile` lookup returned, if it has one. */
  profile?: unknown;
}

/**
 * The token-handler endpoints of the web gateway: the browser signs in with a
 * password and from then on holds only an httpOnly session cookie, never a token.
 */
@ApiTags('session')
@Controller('auth')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  /**
   * Sign-in. Answers an unknown email and a wrong password identically. Password
   * guessing meets three of the app's tiers, narrowest first: `login` per client IP
   * and email, `login-ip` per IP whatever the email (one password sprayed over many
   * accounts), and `login-account` per email whatever the IP (many addresses
   * guessing at one account).
   */
  @Public()
  @RateLimitTier('login', { by: bodyField('email') })
  @RateLimitTier('login-ip')
  @RateLimitTier('login-account', { by: bodyField('email'), perCaller: false })
  @Post('login')
  @BodyLimit(JSON_WRITE_BODY_LIMIT)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary: 'Sign in',
    description: 'Sets the session cookie; an unknown email and a wrong password are answered alike.',
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/WebLoginRequest' } })
  @ApiOkResponse({
    description: 'Signed in.',
    schema: { $ref: '#/components/schemas/WebLogin' },
    headers: headerRefs('Set-Cookie', 'Cache-Control', 'RateLimit', 'RateLimit-Policy'),
  })
  @ApiProblems(
    'UNAUTHORIZED',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'UPSTREAM_BAD_RESPONSE',
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_TIMEOUT',
  )
  async login(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    const { email, password } = parseLoginRequest(request.headers['content-type'], body);
    void reply.header('cache-control', 'no-store');
    try {
      const { id, session, ttlSeconds } = await this.sessions.signIn(request, email, password);
      void reply.header('set-cookie', sessionCookie(id, ttlSeconds));
      return { sub: session.sub, csrfToken: session.csrfToken };
    } catch (error) {
      if (error instanceof AuthChallengeError && error.challenge !== undefined) {
        void reply.header('www-authenticate', error.challenge);
      } else if (error instanceof BffError && error.extensions['reason'] === 'session-capacity') {
        void reply.header('retry-after', String(SESSION_CAPACITY_RETRY_AFTER_SECONDS));
      }
      throw error;
    }
  }

  /** Ends the session (the guard has checked the CSRF token) and clears the cookie. */
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'logout',
    summary: 'Sign out',
    description: 'Ends the session and clears its cookie.',
  })
  @ApiSecurity({ sessionCookie: [], csrfToken: [] })
  @ApiSecurity('bearerAuth')
  @ApiNoContentResponse({ description: 'Signed out.', headers: headerRefs('Set-Cookie', 'Cache-Control') })
  @ApiProblems('UNAUTHORIZED', 'FORBIDDEN')
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.signOut(request);
    void reply.header('set-cookie', clearedSessionCookie()).header('cache-control', 'no-store');
  }

  @Get('me')
  @ApiOperation({
    operationId: 'me',
    summary: 'Who is signed in',
    description: 'With the CSRF token of a session, so a reloaded page can recover it.',
  })
  @ApiSecurity('sessionCookie')
  @ApiSecurity('bearerAuth')
  @ApiOkResponse({
    description: 'The caller.',
    schema: { $ref: '#/components/schemas/WebMe' },
    headers: headerRefs('Cache-Control', 'RateLimit', 'RateLimit-Policy'),
  })
  @ApiProblems('UNAUTHORIZED', 'UPSTREAM_BAD_RESPONSE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT')
  async me(
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse> {
    void reply.header('cache-control', 'no-store');
    const session = this.sessions.sessionOf(request);
    const profile = await this.sessions.profileOf(user);
    return {
      sub: user.sub,
      via: user.via,
      scopes: user.scopes,
      ...(user.client === undefined ? {} : { client: user.client }),
      ...(session === undefined ? {} : { csrfToken: session.csrfToken }),
      ...(profile === undefined ? {} : { profile }),
    };
  }
}
