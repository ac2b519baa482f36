import type { RetryOptions } from '../service-clients.options';
import { SlidingWindow } from './sliding-window';

/**
 * Counts of a {@link RetryBudget} over its current window, and since start.
 *
 * @example
 * const { calls, retries, available } = budget.snapshot();
 */
export interface RetryBudgetSnapshot {
  /** Calls and retries in the current window. */
  calls: number;
  retries: number;
  /** Retries that may still be made in the current window. */
  available: number;
  /** Since start: calls counted, retries granted, retries refused. */
  totalCalls: number;
  totalRetries: number;
  denied: number;
}

/**
 * Envoy's and Finagle's answer to retry storms: retries may add at most
 * `budgetPercent` to the calls made over a sliding window (plus a small
 * allowance, `budgetMinRetries`, for quiet services). A service that fails every
 * call therefore receives about `1 + budgetPercent/100` times the inbound rate,
 * however many tries each call would be allowed.
 *
 * @example
 * const budget = new RetryBudget({ budgetPercent: 20, budgetMinRetries: 3, budgetWindowMs: 10_000 });
 * budget.recordCall();
 * if (budget.tryRetry()) retry();
 */
export class RetryBudget {
  private readonly window: SlidingWindow<'calls' | 'retries'>;
  private denied = 0;
  private totalCalls = 0;
  private totalRetries = 0;

  constructor(
    private readonly options: Pick<RetryOptions, 'budgetPercent' | 'budgetMinRetries' | 'budgetWindowMs'>,
    now: () => number = Date.now,
  ) {
    this.window = new SlidingWindow(['calls', 'retries'], options.budgetWindowMs, now);
  }

  /** Counts one call made to the service (its first try). */
  recordCall(): void {
    this.window.add('calls');
    this.totalCalls += 1;
  }

  /** Takes one retry from the budget; `false` when it is spent. */
  tryRetry(): boolean {
    const { calls, retries } = this.window.totals();
    if (retries >= this.allowance(calls)) {
      this.denied += 1;
      return false;
    }
    this.window.add('retries');
    this.totalRetries += 1;
    return true;
  }

  snapshot(): RetryBudgetSnapshot {
    const { calls, retries } = this.window.totals();
    return {
      calls,
      retries,
      available: Math.max(0, this.allowance(calls) - retries),
      totalCalls: this.totalCalls,
      totalRetries: this.totalRetries,
      denied: this.denied,
    };
  }

  private allowance(calls: number): number {
    return Math.max(this.options.budgetMinRetries, Math.floor((calls * this.options.budgetPercent) / 100));
  }
}
