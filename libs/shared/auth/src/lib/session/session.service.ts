import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthChallengeError } from '../auth-challenge.error';
import type { AuthenticatedUser } from '../authenticated-user';
import type { SessionAuthenticator } from '../session-authenticator';
import { sessionIdFrom } from './session-cookie';
import type { SessionStore, StoredSession } from './session.store';
import { DEFAULT_SESSION_TTL_SECONDS, SESSION_STORE, WEB_SESSION_OPTIONS, type WebSessionOptions } from './web-session-options';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A session just created by a sign-in: its id goes into the cookie and nowhere else. */
export interface NewSession {
  id: string;
  session: StoredSession;
  ttlSeconds: number;
}

/**
 * Creates, finds and ends browser sessions, and authenticates requests by their
 * session cookie for the auth guard. A cookie-authenticated request that can change
 * state must repeat the session's CSRF token in `x-csrf-token`: a cross-site form or
 * script can make the browser send the cookie, but cannot read the token.
 */
@Injectable()
export class SessionService implements SessionAuthenticator, OnApplicationShutdown {
  private readonly ttlSeconds: number;
  private readonly scopes: readonly string[];
  /** The session behind each cookie-authenticated request, for `/auth/me`. */
  private readonly bySessionRequest = new WeakMap<FastifyRequest, StoredSession>();

  constructor(
    @Inject(WEB_SESSION_OPTIONS) private readonly options: WebSessionOptions,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
  ) {
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
    this.scopes = options.scopes ?? [];
  }

  /** Checks the credentials and starts a new session, ending the one the browser already had. */
  async signIn(request: FastifyRequest, email: string, password: string): Promise<NewSession> {
    const verified = await this.options.credentials.verify(email, password);
    if (verified === null) throw AuthChallengeError.invalidCredentials();
    // A fresh id on every sign-in, so an id planted before sign-in (session fixation) is worthless.
    await this.signOut(request);
    const id = randomBytes(32).toString('base64url');
    const session: StoredSession = {
      sub: verified.userId,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: Date.now(),
    };
    await this.store.create(storageKey(id), session, this.ttlSeconds);
    return { id, session, ttlSeconds: this.ttlSeconds };
  }

  async signOut(request: FastifyRequest): Promise<void> {
    const id = sessionIdFrom(request.headers.cookie);
    if (id !== undefined) await this.store.delete(storageKey(id));
  }

  async authenticate(request: FastifyRequest): Promise<AuthenticatedUser | undefined> {
    const id = sessionIdFrom(request.headers.cookie);
    if (id === undefined) return undefined;
    const session = await this.store.get(storageKey(id));
    if (session === undefined) throw AuthChallengeError.sessionExpired();
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers['x-csrf-token'], session.csrfToken)) {
      throw AuthChallengeError.csrf();
    }
    this.bySessionRequest.set(request, session);
    return { sub: session.sub, scopes: this.scopes, via: 'session' };
  }

  /** The caller's profile for `/auth/me`, when the app supplied a way to look it up. */
  profileOf(user: AuthenticatedUser): Promise<unknown> {
    return this.options.profile?.(user) ?? Promise.resolve(undefined);
  }

  /** The session that authenticated this request, if a cookie did. */
  sessionOf(request: FastifyRequest): StoredSession | undefined {
    return this.bySessionRequest.get(request);
  }

  /** After the HTTP server has drained: requests in flight may still need the store. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

function storageKey(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('base64url');
}

function sameToken(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
