import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';

export interface TokenClaims {
  sub: string;
  audience: string;
  scopes?: string[];
  expiresInSeconds?: number;
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

  async token({ sub, audience, scopes = [], expiresInSeconds = 300 }: TokenClaims): Promise<string> {
    return new SignJWT({ ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(new TextEncoder().encode(this.secret));
  }

  /** `{ authorization: 'Bearer …' }` for a token with these claims. */
  async bearer(claims: TokenClaims): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token(claims)}` };
  }
}
