import { BffError, toProblem } from '@bff/problem';
import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { mapDownstreamError } from './downstream-error.mapper';

function answered(status: number): AxiosError {
  const response = { status, headers: {}, data: {}, config: { headers: new AxiosHeaders() } } as AxiosResponse;
  return new AxiosError('Request failed at http://10.0.0.7:4001/x', AxiosError.ERR_BAD_RESPONSE, undefined, undefined, response);
}

describe('mapDownstreamError', () => {
  it.each([
    ['a 404', answered(404), 'NOT_FOUND', 'The review service has no such resource.', {}],
    ['a 500', answered(500), 'UPSTREAM_BAD_RESPONSE', 'The review service sent an invalid response.', {}],
    ['a timeout', new AxiosError('t', 'ETIMEDOUT'), 'UPSTREAM_TIMEOUT', 'The review service did not answer in time.', {}],
    ['a refused connection', new AxiosError('r', 'ECONNREFUSED'), 'UPSTREAM_UNAVAILABLE', 'The review service is unavailable.', {}],
    [
      'an open breaker',
      new BrokenCircuitError(),
      'UPSTREAM_UNAVAILABLE',
      'The review service is failing; calls to it are paused.',
      { reason: 'circuit-open' },
    ],
    [
      'a full bulkhead',
      new BulkheadRejectedError(1, 0),
      'UPSTREAM_UNAVAILABLE',
      'The review service has too many calls in flight.',
      { reason: 'bulkhead-full' },
    ],
    ['a request axios refused', new AxiosError('u', 'ERR_INVALID_URL'), 'INTERNAL', undefined, {}],
  ])('maps %s to %s, naming the service', (_label, error, code, detail, extensions) => {
    const mapped = mapDownstreamError(error, { service: 'review' });
    expect(mapped).toMatchObject({ code, detail, extensions: { service: 'review', ...extensions } });
    expect(Object.keys(mapped.extensions)).toEqual(['service', ...Object.keys(extensions)]);
  });

  it('marks a caller cancellation, and reads a TimeoutError abort as a timeout', () => {
    const cancel = new AbortController();
    cancel.abort(new Error('sibling failed'));
    expect(mapDownstreamError(cancel.signal.reason, { service: 'user', signal: cancel.signal })).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      detail: 'The call to the user service was cancelled.',
      extensions: { service: 'user', cancelled: true },
    });
    const budget = AbortSignal.abort(new DOMException('spent', 'TimeoutError'));
    expect(mapDownstreamError(budget.reason, { service: 'user', signal: budget }).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('uses the caller’s 404 detail', () => {
    expect(mapDownstreamError(answered(404), { service: 'product', notFound: 'No product with id 42.' }).detail).toBe(
      'No product with id 42.',
    );
  });

  it('makes a 400 the client’s BAD_REQUEST only when the caller passed on the client’s input', () => {
    const rejected = 'cursor is not a cursor the review service issued.';
    expect(mapDownstreamError(answered(400), { service: 'review', rejected })).toMatchObject({
      code: 'BAD_REQUEST',
      detail: rejected,
      extensions: { service: 'review' },
    });
    // Without it a 400 is the gateway's own malformed request, and so are other 4xx with it.
    expect(mapDownstreamError(answered(400), { service: 'review' }).code).toBe('UPSTREAM_BAD_RESPONSE');
    expect(mapDownstreamError(answered(422), { service: 'review', rejected }).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('keeps only codes and statuses in the cause, and no host in the problem', () => {
    const mapped = mapDownstreamError(answered(502), { service: 'product' });
    expect((mapped.cause as Error).message).toBe('product service call failed: ERR_BAD_RESPONSE, status 502');
    expect(JSON.stringify(toProblem(mapped))).not.toContain('10.0.0.7');
  });

  it('passes a BffError through untouched', () => {
    const error = new BffError('INVALID_ID', 'bad id');
    expect(mapDownstreamError(error, { service: 'product' })).toBe(error);
  });
});
