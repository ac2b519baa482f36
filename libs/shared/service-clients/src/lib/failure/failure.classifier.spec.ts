import { AxiosError, AxiosHeaders, CanceledError, type AxiosResponse } from 'axios';
import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { classify, isRetryable, isServiceFault, isTimeoutFailure } from './failure.classifier';

function answered(status: number): AxiosError {
  const response = { status, headers: {}, data: {}, config: { headers: new AxiosHeaders() } } as AxiosResponse;
  return new AxiosError(`status ${status}`, AxiosError.ERR_BAD_RESPONSE, undefined, undefined, response);
}

function unanswered(code: string, wrapped = false): AxiosError {
  if (!wrapped) return new AxiosError(code, code);
  const error = new AxiosError('wrapped', AxiosError.ERR_BAD_RESPONSE);
  error.cause = Object.assign(new Error(code), { code });
  return error;
}

function aborted(reason: unknown): AbortSignal {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
}

describe('classify', () => {
  it.each([
    ['a 404', answered(404), 'not-found'],
    ['a 500', answered(500), 'bad-response'],
    ['a 400', answered(400), 'bad-response'],
    ['a 2xx with a bad body', answered(200), 'bad-response'],
    ['a timeout code', unanswered('ETIMEDOUT'), 'timeout'],
    ['an undici body timeout wrapped by axios', unanswered('UND_ERR_BODY_TIMEOUT', true), 'timeout'],
    ['a refused connection', unanswered('ECONNREFUSED'), 'unavailable'],
    ['a reset wrapped by axios', unanswered('ECONNRESET', true), 'unavailable'],
    ['a request axios refused', unanswered('ERR_INVALID_URL'), 'misuse'],
    ['an unknown code', unanswered('EWHATEVER'), 'bad-response'],
    ['an open breaker', new BrokenCircuitError(), 'circuit-open'],
    ['a full bulkhead', new BulkheadRejectedError(1, 0), 'bulkhead-full'],
    ['a thrown TypeError', new TypeError('x'), 'bad-response'],
  ])('%s → %s', (_label, error, expected) => {
    expect(classify(error, undefined)).toBe(expected);
  });

  it('reads an abort by its reason: a TimeoutError is a timeout, anything else a cancellation', () => {
    const budget = aborted(new DOMException('budget spent', 'TimeoutError'));
    const cancel = aborted(new Error('sibling failed'));
    expect(classify(budget.reason, budget)).toBe('timeout');
    expect(classify(new CanceledError(), budget)).toBe('timeout');
    expect(classify(cancel.reason, cancel)).toBe('cancelled');
    expect(classify(new CanceledError(), cancel)).toBe('cancelled');
  });
});

describe('isRetryable', () => {
  it.each([429, 500, 502, 503, 504])('retries a %i', (status) => {
    expect(isRetryable(answered(status))).toBe(true);
  });

  it.each([400, 404, 501])('never retries a %i', (status) => {
    expect(isRetryable(answered(status))).toBe(false);
  });

  it('retries no answer, except an unknown host, a closed transport and a caller cancellation', () => {
    expect(isRetryable(unanswered('ECONNREFUSED'))).toBe(true);
    expect(isRetryable(unanswered('ECONNRESET', true))).toBe(true);
    expect(isRetryable(unanswered('ETIMEDOUT'))).toBe(true);
    expect(isRetryable(unanswered('ENOTFOUND'))).toBe(false);
    expect(isRetryable(unanswered('UND_ERR_CLOSED'))).toBe(false);
    expect(isRetryable(new CanceledError())).toBe(false);
    expect(isRetryable(new BrokenCircuitError())).toBe(false);
  });
});

describe('isServiceFault', () => {
  it('counts no answer, a 5xx, a 429 and a bad 2xx body against the service', () => {
    for (const error of [unanswered('ETIMEDOUT'), unanswered('ECONNREFUSED'), answered(500), answered(429), answered(200)]) {
      expect(isServiceFault(error)).toBe(true);
    }
  });

  it('never counts an answer, a refusal by the gateway or a cancellation', () => {
    const cancel = aborted(new Error('sibling failed'));
    for (const error of [answered(404), answered(400), new BrokenCircuitError(), new BulkheadRejectedError(1, 0), new TypeError('x')]) {
      expect(isServiceFault(error)).toBe(false);
    }
    expect(isServiceFault(cancel.reason, cancel)).toBe(false);
  });

  it('counts a spent budget: the service was too slow for its callers', () => {
    const budget = aborted(new DOMException('budget spent', 'TimeoutError'));
    expect(isServiceFault(budget.reason, budget)).toBe(true);
    expect(isTimeoutFailure(budget.reason, budget)).toBe(true);
    expect(isTimeoutFailure(answered(504))).toBe(false);
  });
});
