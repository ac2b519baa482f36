import type { ServerErrorResponse } from '@grpc/grpc-js';
import { status as GrpcStatus, Metadata } from '@grpc/grpc-js';
import { BffError } from '@bff/problem';
import { grpcStatusForHttp } from './grpc-status-for-http';

/**
 * The gRPC status a handler's error ends its call with: a `BffError` keeps its
 * meaning (its HTTP status through {@link grpcStatusForHttp}, its detail), anything
 * else is `INTERNAL` with no detail, so no stack or internal message leaks.
 *
 * @example
 * callback(grpcErrorOf(new BffError('NOT_FOUND', 'No product with id "0".'))); // NOT_FOUND
 */
export function grpcErrorOf(error: unknown): ServerErrorResponse {
  if (error instanceof BffError) return grpcError(grpcStatusForHttp(error.status), error.message);
  return grpcError(GrpcStatus.INTERNAL, 'Internal error.');
}

/**
 * A status to end a call with, as a unary handler's callback takes it.
 *
 * @example
 * callback(grpcError(status.UNAVAILABLE, 'connection reset'));
 */
export function grpcError(code: GrpcStatus, details: string): ServerErrorResponse {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}
