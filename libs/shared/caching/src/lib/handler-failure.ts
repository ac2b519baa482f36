import { HttpException } from '@nestjs/common';
import { BffError } from '@bff/problem';

/** Failures the stale copy may stand in for: 5xx and anything unexpected; never a 4xx (the resource may be gone). */
export function isServerError(error: unknown): boolean {
  if (error instanceof BffError) return error.status >= 500;
  if (error instanceof HttpException) return error.getStatus() >= 500;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status >= 500 : true;
}

/** One line for a log: the problem code, or the message. */
export function describeFailure(error: unknown): string {
  if (error instanceof BffError) return error.code;
  return error instanceof Error ? error.message : String(error);
}
