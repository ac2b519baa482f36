import { BffError, statusOf } from '@bff/problem';

/** Failures the stale copy may stand in for: 5xx and anything unexpected; never a 4xx (the resource may be gone). */
export function isServerError(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

/** One line for a log: the problem code, or the message. */
export function describeFailure(error: unknown): string {
  if (error instanceof BffError) return error.code;
  return error instanceof Error ? error.message : String(error);
}
