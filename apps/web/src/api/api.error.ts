import type { ProblemDetails } from '@bff/problem';

/**
 * A request the web BFF refused or could not answer: its status, the RFC 9457
 * problem it sent (when it sent one), and the wait its `Retry-After` asked for.
 * Status 0 means no answer at all (offline, connection refused).
 *
 * @example
 * if (error instanceof ApiError && error.status === 401) goToSignIn();
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'No answer from the server' : `HTTP ${status}`));
    this.name = 'ApiError';
  }
}
