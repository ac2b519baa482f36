import { isAxiosError } from 'axios';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { codeOf } from './error-code';

/**
 * A failed call in codes and statuses only, for the log: axios and undici
 * messages can contain the downstream host, so they are never read.
 *
 * @example
 * describeFailure(error); // 'ECONNRESET' or 'ERR_BAD_RESPONSE, status 500'
 */
export function describeFailure(error: unknown): string {
  if (error instanceof BrokenCircuitError) return 'circuit open';
  if (error instanceof BulkheadRejectedError) return 'bulkhead full';
  if (!isAxiosError(error)) return error instanceof Error ? error.name : typeof error;
  const status = error.response?.status;
  const code = codeOf(error) ?? error.name;
  return status === undefined ? code : `${code}, status ${status}`;
}
