import { isAxiosError, isCancel } from 'axios';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { AmqpCallError } from './amqp-call.error';
import { codeOf } from './error-code';
import { GrpcCallError, grpcRulesOf } from './grpc-call.error';
import { MISUSE_CODES, RETRYABLE_CODES, RETRYABLE_STATUSES, TIMEOUT_CODES, UNAVAILABLE_CODES } from './failure-codes';

/**
 * What a failed downstream call means, whatever threw it (axios, undici, the
 * breaker, the bulkhead or the caller's signal). The retry loop, the breaker and
 * the error mapper all read this one verdict, so they never disagree.
 *
 * @example
 * const failure: Failure = classify(error, signal); // 'timeout'
 */
export type Failure =
  | 'not-found'
  | 'bad-response'
  | 'timeout'
  | 'unavailable'
  | 'circuit-open'
  | 'bulkhead-full'
  | 'cancelled'
  | 'misuse'
  | 'rejected'
  | 'forbidden'
  | 'exhausted';

/**
 * Sorts a failed call into one {@link Failure}. The caller's signal decides what
 * an abort means: a `TimeoutError` reason (`AbortSignal.timeout()`, a route budget)
 * is a timeout, any other reason a cancellation.
 *
 * - 404 → `not-found`; any other status → `bad-response`
 * - a timeout code → `timeout`; refused, unresolvable or reset → `unavailable`
 * - a request axios or undici refused to send → `misuse`
 * - an open breaker → `circuit-open`; a full bulkhead → `bulkhead-full`
 * - a gRPC status → its row of `GRPC_STATUS_RULES` (`INVALID_ARGUMENT` → `rejected`,
 *   `PERMISSION_DENIED` → `forbidden`, `RESOURCE_EXHAUSTED` → `exhausted`, …)
 * - an AMQP call → the failure its `AmqpCallError` names
 * - anything else → `bad-response`
 *
 * @example
 * if (classify(error, signal) === 'not-found') return undefined;
 */
export function classify(error: unknown, signal: AbortSignal | undefined): Failure {
  if (error instanceof BrokenCircuitError) return 'circuit-open';
  if (error instanceof BulkheadRejectedError) return 'bulkhead-full';
  // Aborted while queued or backing off, the call rejects with the signal's own reason.
  if (isCancel(error) || (signal?.aborted === true && error === signal.reason)) {
    return isTimeoutReason(signal?.reason) ? 'timeout' : 'cancelled';
  }
  if (error instanceof GrpcCallError) return grpcRulesOf(error).failure;
  if (error instanceof AmqpCallError) return error.failure;
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

/**
 * Whether an idempotent call that failed this way may be tried again. Caller
 * cancellations never are: the caller has stopped waiting.
 *
 * @example
 * if (idempotent && isRetryable(error)) await retry();
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof GrpcCallError) return grpcRulesOf(error).retryable;
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
    case 'exhausted':
    case 'bad-response': {
      if (error instanceof GrpcCallError) return grpcRulesOf(error).serviceFault;
      if (error instanceof AmqpCallError) return error.serviceFault;
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

/** By name, not `instanceof`: `AbortSignal.timeout()` rejects with a `DOMException`, which may come from another realm. */
function isTimeoutReason(reason: unknown): boolean {
  return (
    typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError'
  );
}
