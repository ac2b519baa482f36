import type { ProblemDetails } from '@bff/problem';
import { ApiError } from './api.error';
import { problemMessage } from './problem-message';

const problem = (status: number, code: string, detail?: string): ProblemDetails => ({
  type: `urn:bff:problem:${code.toLowerCase()}`,
  title: code,
  status,
  code,
  ...(detail === undefined ? {} : { detail }),
});

describe('problemMessage', () => {
  it('gives the wait of a 429 from Retry-After', () => {
    expect(problemMessage(new ApiError(429, problem(429, 'RATE_LIMITED'), 12))).toBe(
      'Too many requests. Try again in 12 seconds.',
    );
    expect(problemMessage(new ApiError(429, problem(429, 'RATE_LIMITED'), 1))).toBe('Too many requests. Try again in a second.');
    expect(problemMessage(new ApiError(429, problem(429, 'RATE_LIMITED'), 300))).toBe('Too many requests. Try again in 5 minutes.');
    expect(problemMessage(new ApiError(429, undefined, undefined))).toBe('Too many requests. Try again shortly.');
  });

  it('asks to sign in on a 401', () => {
    expect(problemMessage(new ApiError(401, problem(401, 'UNAUTHORIZED', 'Session expired.'), undefined))).toBe(
      'Please sign in to continue.',
    );
  });

  it("shows a client error's detail, which the gateway writes for clients", () => {
    expect(problemMessage(new ApiError(404, problem(404, 'NOT_FOUND', 'No product with id 42.'), undefined))).toBe(
      'No product with id 42.',
    );
    expect(problemMessage(new ApiError(400, problem(400, 'INVALID_ID'), undefined))).toBe('INVALID_ID');
  });

  it('says a server failure in plain words, with its Retry-After', () => {
    expect(problemMessage(new ApiError(503, problem(503, 'UPSTREAM_UNAVAILABLE', 'The product service is unavailable.'), 2))).toBe(
      'The shop is having trouble answering. Try again in 2 seconds.',
    );
    expect(problemMessage(new ApiError(502, undefined, undefined))).toBe(
      'The shop is having trouble answering. Please try again in a moment.',
    );
  });

  it('tells an unreachable server and an unknown failure apart', () => {
    expect(problemMessage(new ApiError(0, undefined, undefined))).toMatch(/cannot be reached/);
    expect(problemMessage(new TypeError('x'))).toBe('Something went wrong. Please try again.');
  });
});
