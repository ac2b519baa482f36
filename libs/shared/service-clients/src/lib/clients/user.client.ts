import type { User } from '@bff/downstream-contracts';
import { Injectable } from '@nestjs/common';
import type { CallOptions } from '../call/call-options';
import { DownstreamCaller } from '../call/downstream-caller';
import { path } from '../call/downstream-path';

/**
 * A sign-in attempt. The password is only ever sent as the body of one call.
 *
 * @example
 * const credentials: Credentials = { email: 'ada@example.com', password: 'correct horse' };
 */
export interface Credentials {
  email: string;
  password: string;
}

/**
 * Typed client of the user service.
 *
 * @example
 * const user = await users.getUser('7');
 * const verified = await users.verifyCredentials({ email, password }); // null when they do not match
 */
@Injectable()
export class UserClient {
  constructor(private readonly downstream: DownstreamCaller) {}

  /** `GET /users/:id`; an unknown id fails with `NOT_FOUND`. */
  async getUser(id: string, options?: CallOptions): Promise<User> {
    return this.downstream.call<User>(
      { method: 'GET', path: path`/users/${id}`, notFound: `No user with id ${id}.` },
      options,
    );
  }

  /**
   * `POST /credentials/verify`: the user's id when the credentials match, `null`
   * when the service answers 401. Any other failure is an error, never `null`, so
   * an outage cannot look like a wrong password.
   *
   * Sign-ins run in the `credentials` lane, with a bulkhead and a breaker of their
   * own: anyone can send a flood of them, and it must not fill the slots or open the
   * breaker that `getUser` depends on. A 401 (a wrong password) is an answer, not a
   * failure, and never counts toward either breaker.
   */
  async verifyCredentials(
    credentials: Credentials,
    options?: CallOptions,
  ): Promise<{ userId: string } | null> {
    const { email, password } = credentials;
    return this.downstream.call<{ userId: string }, null>(
      {
        method: 'POST',
        path: path`/credentials/verify`,
        body: { email, password },
        fallbacks: { 401: null },
        isValid: isVerifiedUser,
        lane: 'credentials',
      },
      options,
    );
  }
}

/** The id becomes a token subject, so a malformed one must not pass as a success. */
function isVerifiedUser(body: unknown): boolean {
  const { userId } = body as { userId?: unknown };
  return typeof userId === 'string' && userId !== '';
}
