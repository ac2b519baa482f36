import { AuthChallengeError } from '../auth-challenge.error';

/** Longest token accepted; real access tokens are far smaller, and parsing costs grow with size. */
export const MAX_TOKEN_LENGTH = 8_192;

/** Query parameters RFC 6750 §2.3 would read a token from; we refuse them instead. */
const QUERY_TOKEN_PARAMETERS = ['access_token', 'token'];

/** RFC 6750 `b64token`, which every JWS compact serialization matches. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export interface CredentialsRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
}

/**
 * The bearer token of a request, from the `Authorization` header only; `undefined`
 * when the header is absent. A token in the URL is refused even next to a valid
 * header: URLs end up in logs, browser history and `Referer` headers, so a client
 * that puts one there has already leaked it.
 */
export function readBearerToken(request: CredentialsRequest): string | undefined {
  if (hasQueryToken(request.query)) {
    throw AuthChallengeError.invalidToken('token_in_query');
  }
  const header = request.headers['authorization'];
  if (header === undefined || header === '') return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.length > MAX_TOKEN_LENGTH + 'Bearer '.length) {
    throw AuthChallengeError.invalidToken('token_too_large');
  }
  if (!/^Bearer(?: |$)/i.test(value)) {
    throw AuthChallengeError.invalidRequest('unsupported_scheme', 'Only Bearer tokens are accepted.');
  }
  const token = BEARER.exec(value)?.[1];
  if (token === undefined) throw AuthChallengeError.invalidToken('malformed_token');
  if (token.length > MAX_TOKEN_LENGTH) throw AuthChallengeError.invalidToken('token_too_large');
  return token;
}

function hasQueryToken(query: unknown): boolean {
  if (typeof query !== 'object' || query === null) return false;
  return QUERY_TOKEN_PARAMETERS.some((name) => Object.hasOwn(query, name));
}
