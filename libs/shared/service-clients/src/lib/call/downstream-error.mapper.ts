import { BffError, type ErrorCode } from '@bff/problem';
import { isAxiosError } from 'axios';
import { classify, type Failure } from '../failure/failure.classifier';
import { describeFailure } from '../failure/failure-description';
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
  /**
   * Problem detail for an HTTP 400 to input the client chose, which is then the
   * client's `BAD_REQUEST`; unset, an HTTP 400 is `UPSTREAM_BAD_RESPONSE`.
   */
  rejected?: string;
}

/** The error one kind of failure becomes. */
interface FailureError {
  code: ErrorCode;
  /** The client-safe detail; it names the service and never a URL, host or status line. */
  detail: (service: DownstreamService, context: DownstreamErrorContext) => string | undefined;
  /** Extensions besides `service`, e.g. the breaker's verdict. */
  extensions?: Readonly<Record<string, unknown>>;
}

/**
 * Every failure and the error it becomes, in one table:
 *
 * - 404 → `NOT_FOUND`
 * - 400, when the caller says the client chose the input (`rejected`) → `BAD_REQUEST`
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
 * - gRPC only (grpc-gateway's mapping): `INVALID_ARGUMENT`, `OUT_OF_RANGE` →
 *   `BAD_REQUEST` (400); `PERMISSION_DENIED` → `FORBIDDEN` (403);
 *   `RESOURCE_EXHAUSTED` → `UPSTREAM_UNAVAILABLE` (503) with `reason:
 *   'resource-exhausted'`: the service is out of capacity, which the client's own
 *   rate limit (429) has nothing to do with
 * - anything else → `UPSTREAM_BAD_RESPONSE`
 */
const FAILURE_ERRORS: Readonly<Record<Failure, FailureError>> = {
  'not-found': {
    code: 'NOT_FOUND',
    detail: (service, { notFound }) => notFound ?? `The ${service} service has no such resource.`,
  },
  timeout: {
    code: 'UPSTREAM_TIMEOUT',
    detail: (service) => `The ${service} service did not answer in time.`,
  },
  unavailable: {
    code: 'UPSTREAM_UNAVAILABLE',
    detail: (service) => `The ${service} service is unavailable.`,
  },
  'circuit-open': {
    code: 'UPSTREAM_UNAVAILABLE',
    detail: (service) => `The ${service} service is failing; calls to it are paused.`,
    extensions: { reason: 'circuit-open' },
  },
  'bulkhead-full': {
    code: 'UPSTREAM_UNAVAILABLE',
    detail: (service) => `The ${service} service has too many calls in flight.`,
    extensions: { reason: 'bulkhead-full' },
  },
  cancelled: {
    code: 'UPSTREAM_UNAVAILABLE',
    detail: (service) => `The call to the ${service} service was cancelled.`,
    extensions: { cancelled: true },
  },
  misuse: { code: 'INTERNAL', detail: () => undefined },
  rejected: {
    code: 'BAD_REQUEST',
    detail: (service, { rejected }) => rejected ?? `The ${service} service rejected the request as invalid.`,
  },
  forbidden: {
    code: 'FORBIDDEN',
    detail: (service) => `The ${service} service refused access to this resource.`,
  },
  exhausted: {
    code: 'UPSTREAM_UNAVAILABLE',
    detail: (service) => `The ${service} service is out of capacity.`,
    extensions: { reason: 'resource-exhausted' },
  },
  'bad-response': {
    code: 'UPSTREAM_BAD_RESPONSE',
    detail: (service) => `The ${service} service sent an invalid response.`,
  },
};

/**
 * The one place a failed downstream call becomes a `BffError`, by the table
 * above. Details name the service and never a URL, host, port, status line or
 * stack; the cause keeps only the error code and status for the log. Every error
 * carries the `service` extension.
 *
 * @example
 * throw mapDownstreamError(error, { service: 'product', signal, notFound: 'No product with id 42.' });
 */
export function mapDownstreamError(error: unknown, context: DownstreamErrorContext): BffError {
  if (error instanceof BffError) return error;
  const { service } = context;
  const failure = classify(error, context.signal);
  const clientRejected = failure === 'bad-response' && context.rejected !== undefined && statusOf(error) === 400;
  const { code, detail, extensions } = FAILURE_ERRORS[clientRejected ? 'rejected' : failure];
  return new BffError(
    code,
    detail(service, context),
    extensions === undefined ? { service } : { service, ...extensions },
    { cause: new Error(`${service} service call failed: ${describeFailure(error)}`) },
  );
}

function statusOf(error: unknown): number | undefined {
  return isAxiosError(error) ? error.response?.status : undefined;
}
