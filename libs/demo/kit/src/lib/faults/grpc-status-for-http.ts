import { status as GrpcStatus } from '@grpc/grpc-js';

/**
 * The gRPC status an injected HTTP error status becomes on a gRPC call: the codes the
 * gRPC project maps to and from HTTP, and the few whose meaning matches one for one
 * (`409`, `499`, `501`, `504`). A gRPC client that maps codes back to the gateway's
 * errors then sees the failure an HTTP client would.
 *
 * @example
 * GRPC_STATUS_FOR_HTTP[503]; // status.UNAVAILABLE
 */
export const GRPC_STATUS_FOR_HTTP: Readonly<Record<number, GrpcStatus>> = {
  400: GrpcStatus.INVALID_ARGUMENT,
  401: GrpcStatus.UNAUTHENTICATED,
  403: GrpcStatus.PERMISSION_DENIED,
  404: GrpcStatus.NOT_FOUND,
  409: GrpcStatus.ABORTED,
  429: GrpcStatus.RESOURCE_EXHAUSTED,
  499: GrpcStatus.CANCELLED,
  500: GrpcStatus.INTERNAL,
  501: GrpcStatus.UNIMPLEMENTED,
  503: GrpcStatus.UNAVAILABLE,
  504: GrpcStatus.DEADLINE_EXCEEDED,
};

/**
 * {@link GRPC_STATUS_FOR_HTTP} for any status: one the table does not list is `UNKNOWN`.
 *
 * @example
 * grpcStatusForHttp(404); // status.NOT_FOUND
 * grpcStatusForHttp(418); // status.UNKNOWN
 */
export function grpcStatusForHttp(httpStatus: number): GrpcStatus {
  return GRPC_STATUS_FOR_HTTP[httpStatus] ?? GrpcStatus.UNKNOWN;
}
