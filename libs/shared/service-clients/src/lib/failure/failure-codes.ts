/**
 * The error codes axios and undici report when no answer came, sorted by what
 * they mean for the call. Read by {@link classify} and {@link isRetryable} only.
 */

/** The call ran out of time: a try's timeout or a connect, headers or body timeout. */
export const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Nothing came back: the service is down, unknown, unreachable or hung up before answering. */
export const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
]);

/**
 * Failures worth another try of an idempotent call: nothing came back, or the
 * service said it is overloaded or briefly broken. A refused or reset connection
 * is retried too: no request was processed. `ENOTFOUND` and a closed transport
 * (the gateway shutting down) are not transient.
 */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/** Statuses worth another try: overloaded, or briefly broken. 501 is never retried. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** The gateway built a request axios or undici refused: a bug here, not a fault downstream. */
export const MISUSE_CODES: ReadonlySet<string> = new Set([
  'ERR_BAD_OPTION',
  'ERR_BAD_OPTION_VALUE',
  'ERR_BAD_REQUEST',
  'ERR_INVALID_URL',
  'ERR_NOT_SUPPORT',
  'ERR_DEPRECATED',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
]);
