import { HttpException } from '@nestjs/common';
import { BffError } from './bff.error';

/**
 * The HTTP status a thrown value asks to be answered with: a `BffError`'s
 * catalogue status, an `HttpException`'s status, or the 4xx/5xx `statusCode` of a
 * framework error (Fastify's bad JSON, body too large). `undefined` for anything
 * else: an unexpected error, which is answered as a bare 500.
 *
 * The one answer to "is this failure a 5xx?" wherever it is asked, so the
 * exception filter, the cache's stale fallback and its invalidation on writes
 * cannot disagree:
 *
 * @example
 * const status = statusOf(error);
 * const serverSide = status === undefined || status >= 500;
 */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof BffError) return error.status;
  if (error instanceof HttpException) return error.getStatus();
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode } = error as { statusCode?: unknown };
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 600 ? statusCode : undefined;
}
