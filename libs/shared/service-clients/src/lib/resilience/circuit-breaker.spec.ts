import { BrokenCircuitError } from 'cockatiel';
import { settlesWithoutWaiting } from '@bff/testing';
import { CircuitBreaker } from './circuit-breaker';

class Fault extends Error {}
class Answer extends Error {}

const isFault = (error: unknown) => error instanceof Fault;
const fail = () => Promise.reject(new Fault('down'));
const succeed = () => Promise.resolve('ok');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => value,
    (error: unknown) => error,
  );
}

describe('CircuitBreaker', () => {
  const options = { failureRatio: 0.5, minRequests: 4, windowMs: 10_000, cooldownMs: 60 };

  it('opens once more than the ratio of at least the minimum calls have failed', async () => {
    const breaker = new CircuitBreaker(options, isFault);
    for (let i = 0; i < 3; i++) await settle(breaker.execute(fail));
    expect(breaker.state).toBe('closed');

    await settle(breaker.execute(fail));

    expect(breaker.state).toBe('open');
  });

  it('stays closed while failures are at or under the ratio', async () => {
    const breaker = new CircuitBreaker(options, isFault);
    for (let i = 0; i < 10; i++) await settle(breaker.execute(i % 2 === 1 ? fail : succeed));

    expect(breaker.state).toBe('closed');
  });

  it('does not count failures isFailure rejects, and passes it the signal', async () => {
    const seen: (AbortSignal | undefined)[] = [];
    const breaker = new CircuitBreaker(options, (error, signal) => {
      seen.push(signal);
      return isFault(error);
    });
    const signal = new AbortController().signal;
    for (let i = 0; i < 10; i++) {
      await expect(breaker.execute(() => Promise.reject(new Answer('404')), signal)).rejects.toBeInstanceOf(
        Answer,
      );
    }

    expect(breaker.state).toBe('closed');
    expect(seen.every((s) => s === signal)).toBe(true);
  });

  it('fails fast without calling while open, and counts it', async () => {
    // A cooldown no run outlasts: on a loaded machine the loop below may take longer than 60 ms.
    const breaker = new CircuitBreaker({ ...options, cooldownMs: 60_000 }, isFault);
    for (let i = 0; i < 4; i++) await settle(breaker.execute(fail));
    const fn = jest.fn(succeed);

    for (let i = 0; i < 20; i++) {
      const refused = breaker.execute(fn);
      // At once: no timer, no I/O.
      expect(await settlesWithoutWaiting(refused)).toBe(true);
      await expect(refused).rejects.toBeInstanceOf(BrokenCircuitError);
    }

    expect(fn).not.toHaveBeenCalled();
    expect(breaker.shortCircuited).toBe(20);
  });

  it('lets one probe through after the cooldown, failing the others fast, and closes on its success', async () => {
    const breaker = new CircuitBreaker(options, isFault);
    for (let i = 0; i < 4; i++) await settle(breaker.execute(fail));
    await sleep(options.cooldownMs + 10);

    let release!: (value: string) => void;
    const probe = breaker.execute(() => new Promise<string>((resolve) => (release = resolve)));
    expect(breaker.state).toBe('half-open');
    const other = jest.fn(succeed);
    await expect(breaker.execute(other)).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(other).not.toHaveBeenCalled();

    release('probe ok');
    await expect(probe).resolves.toBe('probe ok');
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(succeed)).resolves.toBe('ok');
  });

  it('reopens when the probe fails, for another cooldown', async () => {
    const breaker = new CircuitBreaker(options, isFault);
    for (let i = 0; i < 4; i++) await settle(breaker.execute(fail));
    await sleep(options.cooldownMs + 10);

    await expect(breaker.execute(fail)).rejects.toBeInstanceOf(Fault);

    expect(breaker.state).toBe('open');
    await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(BrokenCircuitError);
  });
});
