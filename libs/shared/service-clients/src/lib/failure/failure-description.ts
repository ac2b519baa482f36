import { isAxiosError } from 'axios';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { AmqpCallError } from './amqp-call.error';
import { codeOf } from './error-code';
import { GrpcCallError } from './grpc-call.error';

/**
 * A failed call in codes and statuses only, for the log: axios and undici
 * messages can contain the downstream host, so they are never read.
 *
 * @example
 * describeFailure(error); // 'ECONNRESET', 'ERR_BAD_RESPONSE, status 500', 'gRPC UNAVAILABLE' or 'AMQP returned'
 */
export function describeFailure(error: unknown): string {
  if (error instanceof BrokenCircuitError) return 'circuit open';
  if (error instanceof BulkheadRejectedError) return 'bulkhead full';
  if (error instanceof GrpcCallError) return error.invalidResponse ? 'gRPC invalid response' : `gRPC ${error.statusName}`;
  if (error instanceof AmqpCallError) return `AMQP ${error.reason}`;
  if (!isAxiosError(error)) return error instanceof Error ? error.name : typeof error;
  const status = error.response?.status;
  const code = codeOf(error) ?? error.name;
  return status === undefined ? code : `${code}, status ${status}`;
}
