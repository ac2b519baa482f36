import { BffError } from '@bff/problem';
import { isAxiosError, isCancel } from 'axios';
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

type Failure = 'not-found' | 'bad-response' | 'timeout' | 'unavailable' | 'cancelled' | 'misuse';

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

function classify(error: unknown, signal: AbortSignal | undefined): Failure {
  if (isCancel(error)) return isTimeout(signal?.reason) ? 'timeout' : 'cancelled';
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
  if (!isAxiosError(error)) return error instanceof Error ? error.name : typeof error;
  const status = error.response?.status;
  const code = codeOf(error) ?? error.name;
  return status === undefined ? code : `${code}, status ${status}`;
}
