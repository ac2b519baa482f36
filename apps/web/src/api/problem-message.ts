import { ApiError } from './api.error';

/**
 * What to tell a person about a failed request, in words: a problem's `detail` is
 * written for clients (the gateway never puts internals in it), the rest is the
 * status in plain language, and a `Retry-After` becomes the wait.
 *
 * @example
 * problemMessage(new ApiError(429, undefined, 12)); // 'Too many requests. Try again in 12 seconds.'
 */
export function problemMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  const { status, problem } = error;
  if (status === 0) return 'The shop cannot be reached. Check your connection and try again.';
  if (status === 429) return `Too many requests. ${waitText(error.retryAfterSeconds)}`;
  if (status === 401) return 'Please sign in to continue.';
  if (status === 403) return problem?.detail ?? 'You are not allowed to do that.';
  if (status === 404) return problem?.detail ?? 'This was not found.';
  if (status >= 400 && status < 500) return problem?.detail ?? problem?.title ?? 'The request was not accepted.';
  const retry = error.retryAfterSeconds === undefined ? 'Please try again in a moment.' : waitText(error.retryAfterSeconds);
  return `The shop is having trouble answering. ${retry}`;
}

function waitText(seconds: number | undefined): string {
  if (seconds === undefined) return 'Try again shortly.';
  if (seconds <= 1) return 'Try again in a second.';
  if (seconds < 120) return `Try again in ${seconds} seconds.`;
  return `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}
