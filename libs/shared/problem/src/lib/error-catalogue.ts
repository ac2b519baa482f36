/**
 * Every error the gateways send, in one table: a stable `code` clients can switch
 * on, its HTTP status and a short human title. `README.md` lists the same table and
 * a spec keeps the two in step.
 */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  INVALID_ID: { status: 400, title: 'Invalid identifier' },
  INVALID_QUERY: { status: 400, title: 'Invalid query parameter' },
  UNAUTHORIZED: { status: 401, title: 'Unauthorized' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  UPSTREAM_BAD_RESPONSE: { status: 502, title: 'Bad upstream response' },
  UPSTREAM_UNAVAILABLE: { status: 503, title: 'Upstream unavailable' },
  UPSTREAM_TIMEOUT: { status: 504, title: 'Upstream timed out' },
  OVERLOADED: { status: 503, title: 'Overloaded' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** `UPSTREAM_TIMEOUT` → `urn:bff:problem:upstream-timeout`. */
export function problemType(code: ErrorCode): string {
  return `urn:bff:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * The catalogue code for a status that has no more specific code: the first code
 * with that status, else `INTERNAL` for a 5xx and `BAD_REQUEST` for anything else.
 *
 * @example
 * codeForStatus(404); // 'NOT_FOUND'
 * codeForStatus(507); // 'INTERNAL'
 */
export function codeForStatus(status: number): ErrorCode {
  const match = (Object.keys(errorCatalogue) as ErrorCode[]).find(
    (code) => errorCatalogue[code].status === status,
  );
  if (match) return match;
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}
