import { BffError } from '@bff/problem';
import { isAxiosError, isCancel } from 'axios';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import type { DownstreamService } from '../service-clients.options';

/**
 * What the mapper needs to know about the failed call.
 *
 * @example
 * const context: DownstreamErrorContext = { service: 'user', signal: options.signal };
 */
export interface DownstreamErrorContext {
  service: DownstreamService;
  /** The caller's signal: its abort reason decides what a cancelled call means. */
  signal?: AbortSignal;
  /** Problem detail for a 404, e.g. `No product with id 42.` */
  notFound?: string;
}

type Failure =
  | 'not-found'
  | 'bad-response'
  | 'timeout'
  | 'unavailable'
  | 'circuit-open'
  | 'bulkhead-full'
  | 'cancelled'
  | 'misuse';

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** Nothing came back: the service is down, unknown, unreachable or hung up before answering. */
const UNAVAILABLE_CODES = new Set([
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
const RETRYABLE_CODES = new Set([
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
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/** The gateway built a request axios or undici refused: a bug here, not a fault downstream. */
const MISUSE_CODES = new Set([
  'ERR_BAD_OPTION',
  'ERR_BAD_OPTION_VALUE',
  'ERR_BAD_REQUEST',
  'ERR_INVALID_URL',
  'ERR_NOT_SUPPORT',
  'ERR_DEPRECATED',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
]);

/**
 * The one place a failed downstream call becomes a `BffError`. Details name the
 * service and never a URL, host, port, status line or stack; the cause keeps
 * only the error code and status for the log.
 *
 * - 404 → `NOT_FOUND`
 * - any other status that was not accepted (3xx, 4xx, 5xx), or an accepted one
 *   whose body was not JSON, too large or cut off → `UPSTREAM_BAD_RESPONSE` (502)
 * - the call's time limit, or a caller's signal aborted with a `TimeoutError`
 *   reason (`AbortSignal.timeout()`, a route budget) → `UPSTREAM_TIMEOUT` (504)
 * - refused, unresolvable or reset before a response → `UPSTREAM_UNAVAILABLE` (503)
 * - a caller's signal aborted for any other reason → `UPSTREAM_UNAVAILABLE` with
 *   `cancelled: true`, so a composition can tell its own cancellation apart
 * - the service's circuit breaker open → `UPSTREAM_UNAVAILABLE` with
 *   `reason: 'circuit-open'`; its bulkhead full → `reason: 'bulkhead-full'`
 * - a request axios refused to send → `INTERNAL` (a gateway bug)
 * - anything else → `UPSTREAM_BAD_RESPONSE`
 *
 * Every error carries the `service` extension.
 *
 * @example
 * throw mapDownstreamError(error, { service: 'product', signal, notFound: 'No product with id 42.' });
 */
export function mapDownstreamError(error: unknown, context: DownstreamErrorContext): BffError {
  if (error instanceof BffError) return error;
  const { service } = context;
  const extensions = { service };
  const options = { cause: new Error(`${service} service call failed: ${describe(error)}`) };
  switch (classify(error, context.signal)) {
    case 'not-found':
      return new BffError(
        'NOT_FOUND',
        context.notFound ?? `The ${service} service has no such resource.`,
        extensions,
        options,
      );
    case 'timeout':
      return new BffError(
        'UPSTREAM_TIMEOUT',
        `The ${service} service did not answer in time.`,
        extensions,
        options,
      );
    case 'unavailable':
      return new BffError(
        'UPSTREAM_UNAVAILABLE',
        `The ${service} service is unavailable.`,
        extensions,
        options,
      );
    case 'circuit-open':
      return new BffError(
        'UPSTREAM_UNAVAILABLE',
        `The ${service} service is failing; calls to it are paused.`,
        { ...extensions, reason: 'circuit-open' },
        options,
      );
    case 'bulkhead-full':
      return new BffError(
        'UPSTREAM_UNAVAILABLE',
        `The ${service} service has too many calls in flight.`,
        { ...extensions, reason: 'bulkhead-full' },
        options,
      );
    case 'cancelled':
      return new BffError(
        'UPSTREAM_UNAVAILABLE',
        `The call to the ${service} service was cancelled.`,
        { ...extensions, cancelled: true },
        options,
      );
    case 'misuse':
      return new BffError('INTERNAL', undefined, extensions, options);
    case 'bad-response':
      return new BffError(
        'UPSTREAM_BAD_RESPONSE',
        `The ${service} service sent an invalid response.`,
        extensions,
        options,
      );
  }
}

/**
 * Whether an idempotent call that failed this way may be tried again. Caller
 * cancellations never are: the caller has stopped waiting.
 *
 * @example
 * if (idempotent && isRetryable(error)) await retry();
 */
export function isRetryable(error: unknown): boolean {
  if (!isAxiosError(error) || isCancel(error)) return false;
  const status = error.response?.status;
  if (typeof status === 'number') return RETRYABLE_STATUSES.has(status);
  const code = codeOf(error);
  return code !== undefined && RETRYABLE_CODES.has(code);
}

/**
 * Whether a failure says the service is unwell, and so counts against its
 * circuit breaker: no answer in time, no connection, a 5xx or 429, or a 2xx body
 * that is not what was asked for. A 404 or another 4xx is an answer, and a
 * cancellation by the caller says nothing about the service. Running out of the
 * caller's time budget does count: the service was too slow for its callers.
 *
 * @example
 * const breaker = new CircuitBreaker(options.breaker, isServiceFault);
 */
export function isServiceFault(error: unknown, signal?: AbortSignal): boolean {
  switch (classify(error, signal)) {
    case 'timeout':
    case 'unavailable':
      return true;
    case 'bad-response': {
      if (!isAxiosError(error)) return false;
      const status = error.response?.status;
      return status === undefined || status >= 500 || status === 429 || (status >= 200 && status < 300);
    }
    default:
      return false;
  }
}

/**
 * Whether the call failed for want of time: a try's timeout, the call's time limit
 * or a caller's budget.
 *
 * @example
 * if (isTimeoutFailure(error, signal) && load.congestedSince(startedAt)) excuse();
 */
export function isTimeoutFailure(error: unknown, signal?: AbortSignal): boolean {
  return classify(error, signal) === 'timeout';
}

function classify(error: unknown, signal: AbortSignal | undefined): Failure {
  if (error instanceof BrokenCircuitError) return 'circuit-open';
  if (error instanceof BulkheadRejectedError) return 'bulkhead-full';
  // Aborted while queued or backing off, the call rejects with the signal's own reason.
  if (isCancel(error) || (signal?.aborted === true && error === signal.reason)) {
    return isTimeout(signal?.reason) ? 'timeout' : 'cancelled';
  }
  if (!isAxiosError(error)) return 'bad-response';
  // A response may be missing (timeouts, refused connections), so never assume one.
  const status = error.response?.status;
  if (typeof status === 'number') return status === 404 ? 'not-found' : 'bad-response';
  const code = codeOf(error);
  if (code === undefined) return 'bad-response';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (UNAVAILABLE_CODES.has(code)) return 'unavailable';
  if (MISUSE_CODES.has(code)) return 'misuse';
  return 'bad-response';
}

/** By name, not `instanceof`: `AbortSignal.timeout()` rejects with a `DOMException`, which may come from another realm. */
function isTimeout(reason: unknown): boolean {
  return (
    typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError'
  );
}

/** The wrapped system error's code when axios's own is generic (e.g. `ERR_BAD_RESPONSE`). */
function codeOf(error: { code?: string; cause?: unknown }): string | undefined {
  const own = error.code;
  const cause = error.cause as { code?: unknown } | undefined;
  if (own && !own.startsWith('ERR_')) return own;
  return typeof cause?.code === 'string' ? cause.code : own;
}

/** Codes and statuses only: axios and undici messages can contain the downstream host. */
function describe(error: unknown): string {
  if (error instanceof BrokenCircuitError) return 'circuit open';
  if (error instanceof BulkheadRejectedError) return 'bulkhead full';
  if (!isAxiosError(error)) return error instanceof Error ? error.name : typeof error;
  const status = error.response?.status;
  const code = codeOf(error) ?? error.name;
  return status === undefined ? code : `${code}, status ${status}`;
}
