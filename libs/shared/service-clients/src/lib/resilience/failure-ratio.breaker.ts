import { CircuitState, type IBreaker } from 'cockatiel';
import type { BreakerOptions } from '../service-clients.options';
import { SlidingWindow } from './sliding-window';

/**
 * The rule that opens a circuit, plugged into cockatiel's `CircuitBreakerPolicy`:
 * more than `failureRatio` of the calls over the last `windowMs` failed, and at
 * least `minRequests` calls were made in it. A successful probe starts the
 * window afresh, so the failures that opened the circuit do not reopen it.
 *
 * @example
 * circuitBreaker(handleAll, { halfOpenAfter: 5_000, breaker: new FailureRatioBreaker(options.breaker) });
 */
export class FailureRatioBreaker implements IBreaker {
  private window: SlidingWindow<'successes' | 'failures'>;

  constructor(
    private readonly options: Pick<BreakerOptions, 'failureRatio' | 'minRequests' | 'windowMs'>,
    private readonly now: () => number = Date.now,
  ) {
    this.window = this.freshWindow();
  }

  /** Outcomes live in the clock-based window; there is nothing worth serialising. */
  get state(): unknown {
    return null;
  }

  set state(_value: unknown) {
    this.window = this.freshWindow();
  }

  success(state: CircuitState): void {
    if (state === CircuitState.HalfOpen) this.window.clear();
    this.window.add('successes');
  }

  failure(state: CircuitState): boolean {
    this.window.add('failures');
    if (state !== CircuitState.Closed) return true;
    const { successes, failures } = this.window.totals();
    const calls = successes + failures;
    return calls >= this.options.minRequests && failures > this.options.failureRatio * calls;
  }

  private freshWindow(): SlidingWindow<'successes' | 'failures'> {
    return new SlidingWindow(['successes', 'failures'], this.options.windowMs, this.now);
  }
}
