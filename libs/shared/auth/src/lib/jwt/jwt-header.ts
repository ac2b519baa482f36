import { AuthChallengeError } from '../auth-challenge.error';

export interface JwtHeader {
  alg: string;
  kid?: string;
  [parameter: string]: unknown;
}

/**
 * The protected header of a compact JWS, read before any key is looked up so a
 * token with an algorithm we do not allow never costs a JWKS request. Nothing in
 * it is trusted beyond choosing among keys we already hold.
 */
export function decodeJwtHeader(token: string): JwtHeader {
  const segments = token.split('.');
  if (segments.length !== 3 || segments[0] === '') throw AuthChallengeError.invalidToken('malformed_token');
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(segments[0], 'base64url').toString('utf8'));
  } catch {
    throw AuthChallengeError.invalidToken('malformed_token');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw AuthChallengeError.invalidToken('malformed_token');
  }
  const { alg, kid } = header as Record<string, unknown>;
  if (typeof alg !== 'string' || (kid !== undefined && typeof kid !== 'string')) {
    throw AuthChallengeError.invalidToken('malformed_token');
  }
  return header as JwtHeader;
}
