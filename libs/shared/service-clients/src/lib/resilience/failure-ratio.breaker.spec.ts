import { CircuitState } from 'cockatiel';
import { FailureRatioBreaker } from './failure-ratio.breaker';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const options = { failureRatio: 0.5, minRequests: 4, windowMs: 1_000 };

describe('FailureRatioBreaker', () => {
  it('opens once more than the ratio of at least the minimum number of calls failed', () => {
    const breaker = new FailureRatioBreaker(options, clock().now);
    expect([1, 2, 3].map(() => breaker.failure(CircuitState.Closed))).toEqual([false, false, false]);
    expect(breaker.failure(CircuitState.Closed)).toBe(true);
  });

  it('does not open at exactly the ratio', () => {
    const breaker = new FailureRatioBreaker(options, clock().now);
    breaker.success(CircuitState.Closed);
    breaker.success(CircuitState.Closed);
    breaker.failure(CircuitState.Closed);

    expect(breaker.failure(CircuitState.Closed)).toBe(false);
    expect(breaker.failure(CircuitState.Closed)).toBe(true);
  });

  it('judges only the window: successes from before a quiet spell do not hold it closed', () => {
    const time = clock();
    const breaker = new FailureRatioBreaker(options, time.now);
    for (let i = 0; i < 20; i++) breaker.success(CircuitState.Closed);
    time.advance(5_000);

    const opened = [1, 2, 3, 4].map(() => breaker.failure(CircuitState.Closed));

    expect(opened).toEqual([false, false, false, true]);
  });

  it('reopens on any failure while half-open, and starts afresh after a successful probe', () => {
    const breaker = new FailureRatioBreaker(options, clock().now);
    for (let i = 0; i < 4; i++) breaker.failure(CircuitState.Closed);

    expect(breaker.failure(CircuitState.HalfOpen)).toBe(true);
    breaker.success(CircuitState.HalfOpen);
    // The probe's success and then fresh failures only: three of four calls.
    expect([1, 2, 3].map(() => breaker.failure(CircuitState.Closed))).toEqual([false, false, true]);
  });
});
