import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';

export interface TokenClaims {
  sub: string;
  audience: string;
  scopes?: string[];
  expiresInSeconds?: number;
  /** Header `typ`; default `at+jwt`, as RFC 9068 asks of access tokens. */
  typ?: string;
  /** `false` leaves `iat` out (gateways refuse such a token). */
  issuedAt?: boolean;
  /** Extra claims, e.g. `client_id` or `azp`. */
  extra?: Record<string, unknown>;
}

/**
 * A throwaway HS256 signing setup for one suite: the gateways under test get its
 * secret and issuer through their environment, and the suite mints tokens with it.
 *
 * @example
 * const auth = new TestAuth();
 * const bff = await AppProcess.start('mobile-bff', { ...stack.bffEnv(), ...auth.env() });
 * const token = await auth.token({ sub: '1', audience: 'mobile-bff' });
 */
export class TestAuth {
  readonly issuer = 'http://localhost/bff-e2e';
  private readonly secret = randomBytes(32).toString('hex');

  env(): Record<string, string> {
    return { AUTH_HS256_SECRET: this.secret, AUTH_ISSUER: this.issuer };
  }

  async token({ sub, audience, scopes = [], expiresInSeconds = 300, typ = 'at+jwt', issuedAt = true, extra = {} }: TokenClaims): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...extra, ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}), ...(issuedAt ? { iat: now } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ })
      .setSubject(sub)
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setExpirationTime(now + expiresInSeconds)
      .sign(new TextEncoder().encode(this.secret));
  }

  /** `{ authorization: 'Bearer …' }` for a token with these claims. */
  async bearer(claims: TokenClaims): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token(claims)}` };
  }
}
