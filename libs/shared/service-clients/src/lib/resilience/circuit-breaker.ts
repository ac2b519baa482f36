import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import type { BreakerOptions } from '../service-clients.options';
import { FailureRatioBreaker } from './failure-ratio.breaker';

/**
 * A circuit breaker's state as health and metrics report it.
 *
 * @example
 * const state: BreakerState = 'half-open';
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

const STATES: Readonly<Record<CircuitState, BreakerState>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/** Carries an error the breaker must count through cockatiel, which only sees the error. */
class CountedFailure {
  constructor(readonly error: unknown) {}
}

/**
 * One service's circuit breaker: cockatiel's `CircuitBreakerPolicy` with a
 * {@link FailureRatioBreaker}. It opens when more than `failureRatio` of the
 * calls over `windowMs` failed, provided at least `minRequests` were made; while
 * open it throws `BrokenCircuitError` without calling; after `cooldownMs` it lets
 * one probe through, closing on its success and reopening on its failure.
 *
 * Only errors `isFailure` accepts count against the service (a 404 or a caller's
 * own cancellation is no sign of ill health); it also gets the call's signal, as
 * an abort means different things depending on its reason, and the time the call
 * started (`performance.now()`), to ask whether the gateway itself was congested
 * meanwhile. While the probe is in
 * flight other calls fail fast too: cockatiel would make them wait for the
 * probe's outcome.
 *
 * @example
 * const breaker = new CircuitBreaker({ failureRatio: 0.5, minRequests: 20, windowMs: 10_000, cooldownMs: 5_000 }, isServiceFault);
 * await breaker.execute(() => send(), signal);
 */
export class CircuitBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private shortCircuitedCount = 0;

  constructor(
    options: BreakerOptions,
    private readonly isFailure: (error: unknown, signal: AbortSignal | undefined, startedAt: number) => boolean,
  ) {
    this.policy = circuitBreaker(
      handleWhen((error) => (error as unknown) instanceof CountedFailure),
      { halfOpenAfter: options.cooldownMs, breaker: new FailureRatioBreaker(options) },
    );
  }

  get state(): BreakerState {
    return STATES[this.policy.state];
  }

  /** Calls refused without being made because the breaker was open, since start. */
  get shortCircuited(): number {
    return this.shortCircuitedCount;
  }

  /** Runs `fn` unless the breaker is open; `BrokenCircuitError` when it is. */
  async execute<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.policy.state === CircuitState.HalfOpen) throw this.shortCircuit(new BrokenCircuitError());
    const startedAt = performance.now();
    try {
      return await this.policy.execute(async () => {
        try {
          return await fn();
        } catch (error) {
          throw this.isFailure(error, signal, startedAt) ? new CountedFailure(error) : error;
        }
      });
    } catch (error) {
      if (error instanceof CountedFailure) throw error.error;
      throw error instanceof BrokenCircuitError ? this.shortCircuit(error) : error;
    }
  }

  private shortCircuit(error: BrokenCircuitError): BrokenCircuitError {
    this.shortCircuitedCount += 1;
    return error;
  }
}
