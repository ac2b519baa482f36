import { RetryBudget } from './retry-budget';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A budget whose window runs on a clock the test moves. */
function budgetOnClock(options: ConstructorParameters<typeof RetryBudget>[0]) {
  const time = clock();
  return { time, budget: new RetryBudget(options, time.now) };
}

function spend(budget: RetryBudget): number {
  let granted = 0;
  while (budget.tryRetry()) granted++;
  return granted;
}

describe('RetryBudget', () => {
  it('allows retries up to the percentage of calls in the window', () => {
    const { budget } = budgetOnClock({ budgetPercent: 20, budgetMinRetries: 0, budgetWindowMs: 10_000 });
    for (let i = 0; i < 100; i++) budget.recordCall();

    expect(spend(budget)).toBe(20);
    expect(budget.snapshot()).toMatchObject({ calls: 100, retries: 20, available: 0, denied: 1 });
  });

  it('always allows the minimum, so a quiet service is still retried', () => {
    const budget = new RetryBudget({ budgetPercent: 20, budgetMinRetries: 3, budgetWindowMs: 10_000 });
    budget.recordCall();

    expect(spend(budget)).toBe(3);
  });

  it('keeps a service that always fails at about 1.2 times the calls made', () => {
    const { time, budget } = budgetOnClock({ budgetPercent: 20, budgetMinRetries: 3, budgetWindowMs: 10_000 });
    let sent = 0;
    // 2 000 calls over 20 s, each wanting two retries of a downstream that always fails.
    for (let call = 0; call < 2_000; call++) {
      time.advance(10);
      budget.recordCall();
      sent += 1;
      for (let retry = 0; retry < 2 && budget.tryRetry(); retry++) sent += 1;
    }

    expect(sent / 2_000).toBeGreaterThan(1.15);
    expect(sent / 2_000).toBeLessThanOrEqual(1.2 + (3 / 2_000) * 2);
  });

  it('forgets calls and retries once they slide out of the window', () => {
    const { time, budget } = budgetOnClock({ budgetPercent: 50, budgetMinRetries: 0, budgetWindowMs: 1_000 });
    for (let i = 0; i < 10; i++) budget.recordCall();
    expect(spend(budget)).toBe(5);

    time.advance(500);
    expect(budget.snapshot()).toMatchObject({ calls: 10, retries: 5, available: 0 });

    time.advance(600);
    expect(budget.snapshot()).toMatchObject({ calls: 0, retries: 0, available: 0 });
    budget.recordCall();
    budget.recordCall();
    expect(spend(budget)).toBe(1);
    expect(budget.snapshot()).toMatchObject({ totalCalls: 12, totalRetries: 6 });
  });
});
