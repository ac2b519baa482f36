import { HttpException, NotFoundException } from '@nestjs/common';
import { BffError } from '@bff/problem';
import { describeFailure, isServerError } from './handler-failure';

describe('handler failures', () => {
  it('lets the stale copy stand in for 5xx and unexpected errors, never for a 4xx', () => {
    expect(isServerError(new BffError('UPSTREAM_UNAVAILABLE', 'down'))).toBe(true);
    expect(isServerError(new HttpException('bad gateway', 502))).toBe(true);
    expect(isServerError(new NotFoundException())).toBe(false);
    expect(isServerError({ statusCode: 404 })).toBe(false);
    expect(isServerError(new Error('boom'))).toBe(true);
    expect(isServerError(null)).toBe(true);
  });

  it('describes a failure by its problem code, else its message', () => {
    expect(describeFailure(new BffError('UPSTREAM_TIMEOUT', 'slow'))).toBe('UPSTREAM_TIMEOUT');
    expect(describeFailure(new Error('boom'))).toBe('boom');
    expect(describeFailure('text')).toBe('text');
  });
});
