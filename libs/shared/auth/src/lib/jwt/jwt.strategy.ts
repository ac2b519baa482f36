import type { OnApplicationShutdown } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import { Strategy } from 'passport-jwt';
import { AuthChallengeError } from '../auth-challenge.error';
import type { AuthenticatedUser } from '../authenticated-user';
import { type CredentialsRequest, readBearerToken } from './bearer-token';
import { decodeJwtHeader } from './jwt-header';
import type { JwtAlgorithm, KeySource, VerificationKey } from './key-source';
import { type ClaimsPolicy, userFromClaims } from './token-claims';
import type { TokenTypes } from './token-type';

export interface JwtStrategyOptions extends ClaimsPolicy {
  issuer: string;
  audience: string;
  /** The header `typ` values taken for an access token. */
  tokenTypes: TokenTypes;
}

/** One gateway's passport-jwt strategy, as registered in passport. */
export interface JwtStrategy extends OnApplicationShutdown {
  /** Its name in passport's registry, which `AuthGuard(name)` looks up on every request. */
  readonly name: string;
  /** Where its verification keys come from. */
  readonly keys: KeySource;
}

export const JWT_STRATEGY = Symbol('JWT_STRATEGY');

let registered = 0;

/**
 * passport-jwt configured for one gateway and registered in passport's process-wide
 * registry, where `AuthGuard(name)` finds it. Strategies there are keyed by name, so
 * each one gets a name of its own (`bff-jwt:<audience>:<n>`): under a shared `jwt` a
 * second gateway module in the process (the other client's, a replica, a test app)
 * would silently replace this one's issuer, audience and keys. The name is removed
 * again at shutdown, once the HTTP server has stopped taking requests, so closed apps
 * leave nothing behind and requests still draining are verified to the end.
 *
 * Before any key lookup the header's `alg` must be in the key source's allowlist,
 * compared exactly (so `none`, `NONE` and `HS256` against a JWKS all stop here),
 * `typ` must name an access token (RFC 9068: `at+jwt` unless configured otherwise),
 * and `crit` must be absent since we implement no header extensions. `jku`, `x5u` and
 * `jwk` are simply never read. jsonwebtoken then verifies the signature with the same
 * allowlist, and issuer, audience, `exp` and `nbf` with the clock tolerance; last,
 * `iat`, the token's lifetime and its client are checked against the claims policy.
 * All of it runs once per token: the authenticator remembers the verified caller.
 */
export function createJwtStrategy(options: JwtStrategyOptions, keys: KeySource): JwtStrategy {
  registered += 1;
  const name = `bff-jwt:${options.audience}:${registered}`;

  class GatewayJwtStrategy extends PassportStrategy(Strategy, name) implements JwtStrategy {
    constructor() {
      super({
        jwtFromRequest: bearerTokenOf,
        secretOrKeyProvider: (_request: unknown, token: string, done: (error: unknown, key?: string | Buffer) => void) => {
          keyForToken(keys, options.tokenTypes, token).then(
            // passport-jwt hands the key to jsonwebtoken, which takes a KeyObject as is; its types only list strings and Buffers.
            (key) => done(null, key as Buffer),
            (error: unknown) => done(error),
          );
        },
        algorithms: [...keys.algorithms],
        issuer: options.issuer,
        audience: options.audience,
        jsonWebTokenOptions: { clockTolerance: options.clockToleranceSeconds },
      });
      // passport-jwt calls itself `jwt`; report the name the registry actually holds.
      this.name = name;
    }

    readonly keys = keys;

    /** Runs on a verified payload; a token without the claims we rely on is refused like a forged one. */
    validate(payload: unknown): AuthenticatedUser {
      const user = userFromClaims(payload, options);
      if (typeof user === 'string') throw AuthChallengeError.invalidToken(user);
      return user;
    }

    /**
     * passport-jwt calls the extractor synchronously and lets whatever it throws escape;
     * a refused `Authorization` header becomes a passport failure like any other, so
     * the guard sees one path for every rejection.
     */
    override authenticate(...args: Parameters<Strategy['authenticate']>): void {
      try {
        super.authenticate(...args);
      } catch (error) {
        if (error instanceof AuthChallengeError) this.fail(error, 401);
        else this.error(error instanceof Error ? error : new Error(String(error)));
      }
    }

    onApplicationShutdown(): void {
      passport.unuse(name);
    }
  }

  return new GatewayJwtStrategy();
}

/** The `Authorization: Bearer` token, with our reason codes instead of passport-jwt's bare "No auth token". */
function bearerTokenOf(request: CredentialsRequest): string {
  const token = readBearerToken(request);
  if (token === undefined) throw AuthChallengeError.missingCredentials();
  return token;
}

async function keyForToken(keys: KeySource, types: TokenTypes, token: string): Promise<VerificationKey> {
  const header = decodeJwtHeader(token);
  if (!isAllowed(keys.algorithms, header.alg)) throw AuthChallengeError.invalidToken('unsupported_algorithm');
  if (!types.accepts(header['typ'])) throw AuthChallengeError.invalidToken('invalid_token_type');
  if (header['crit'] !== undefined) throw AuthChallengeError.invalidToken('unsupported_header');
  return keys.keyFor({ ...header, alg: header.alg });
}

function isAllowed(allowed: readonly JwtAlgorithm[], alg: string): alg is JwtAlgorithm {
  return (allowed as readonly string[]).includes(alg);
}
