import { status as GrpcStatus } from '@grpc/grpc-js';

/**
 * A failed gRPC call, reduced to its status code: grpc-js's own error carries the
 * service's detail string and trailers, which may hold anything (hosts, stack traces
 * of the service), so only the code travels on. `invalidResponse` marks an answer
 * with an OK status whose message was not what was asked for.
 *
 * @example
 * throw new GrpcCallError(GrpcStatus.UNAVAILABLE);
 */
export class GrpcCallError extends Error {
  override readonly name = 'GrpcCallError';

  constructor(
    readonly grpcCode: GrpcStatus,
    readonly invalidResponse = false,
  ) {
    super(invalidResponse ? 'gRPC response is not what was asked for' : `gRPC status ${GrpcStatus[grpcCode] ?? grpcCode}`);
  }

  /** The status's name, e.g. `UNAVAILABLE`, for the log. */
  get statusName(): string {
    return GrpcStatus[this.grpcCode] ?? String(this.grpcCode);
  }
}

/**
 * What each gRPC status says about the service, in one table, following grpc-gateway's
 * mapping to HTTP:
 *
 * - `failure`: the {@link Failure} kind the error mapper turns into a problem;
 * - `serviceFault`: counts against the service's circuit breaker (the service is
 *   unwell or overloaded), as opposed to an answer about this request;
 * - `retryable`: an idempotent call may be tried again. Only `UNAVAILABLE`: the call
 *   never reached the service's logic, while `DEADLINE_EXCEEDED` may have.
 */
export const GRPC_STATUS_RULES: Readonly<
  Record<GrpcStatus, { failure: GrpcFailure; serviceFault: boolean; retryable: boolean }>
> = {
  [GrpcStatus.OK]: { failure: 'bad-response', serviceFault: true, retryable: false },
  // A cancellation the service made; the gateway's own ends the call with its signal's reason.
  [GrpcStatus.CANCELLED]: { failure: 'bad-response', serviceFault: false, retryable: false },
  [GrpcStatus.UNKNOWN]: { failure: 'bad-response', serviceFault: true, retryable: false },
  [GrpcStatus.INVALID_ARGUMENT]: { failure: 'rejected', serviceFault: false, retryable: false },
  [GrpcStatus.DEADLINE_EXCEEDED]: { failure: 'timeout', serviceFault: true, retryable: false },
  [GrpcStatus.NOT_FOUND]: { failure: 'not-found', serviceFault: false, retryable: false },
  [GrpcStatus.ALREADY_EXISTS]: { failure: 'bad-response', serviceFault: false, retryable: false },
  [GrpcStatus.PERMISSION_DENIED]: { failure: 'forbidden', serviceFault: false, retryable: false },
  [GrpcStatus.RESOURCE_EXHAUSTED]: { failure: 'exhausted', serviceFault: true, retryable: false },
  [GrpcStatus.FAILED_PRECONDITION]: { failure: 'bad-response', serviceFault: false, retryable: false },
  [GrpcStatus.ABORTED]: { failure: 'bad-response', serviceFault: false, retryable: false },
  [GrpcStatus.OUT_OF_RANGE]: { failure: 'rejected', serviceFault: false, retryable: false },
  [GrpcStatus.UNIMPLEMENTED]: { failure: 'bad-response', serviceFault: true, retryable: false },
  [GrpcStatus.INTERNAL]: { failure: 'bad-response', serviceFault: true, retryable: false },
  [GrpcStatus.UNAVAILABLE]: { failure: 'unavailable', serviceFault: true, retryable: true },
  [GrpcStatus.DATA_LOSS]: { failure: 'bad-response', serviceFault: true, retryable: false },
  // The gateway's own credentials were refused: its configuration, not the service's health.
  [GrpcStatus.UNAUTHENTICATED]: { failure: 'bad-response', serviceFault: false, retryable: false },
};

/**
 * The failure kinds a gRPC status can mean; the same names as the classifier's
 * `Failure`, which lists them all.
 */
export type GrpcFailure = 'not-found' | 'bad-response' | 'timeout' | 'unavailable' | 'rejected' | 'forbidden' | 'exhausted';

/** The rules of a failed call's status; an invalid answer is a bad response the breaker counts. */
export function grpcRulesOf(error: GrpcCallError): (typeof GRPC_STATUS_RULES)[GrpcStatus] {
  if (error.invalidResponse) return { failure: 'bad-response', serviceFault: true, retryable: false };
  return GRPC_STATUS_RULES[error.grpcCode] ?? GRPC_STATUS_RULES[GrpcStatus.UNKNOWN];
}
