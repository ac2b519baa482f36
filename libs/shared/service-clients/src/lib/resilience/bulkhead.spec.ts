import { BulkheadRejectedError } from 'cockatiel';
import { settlesWithoutWaiting } from '@bff/testing';
import { Bulkhead } from './bulkhead';

/** A task that runs until the test settles it. */
function gate<T = string>() {
  let open!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { task: () => done, open, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Bulkhead', () => {
  it('runs up to the cap at once, queues up to the limit, and rejects the rest at once', async () => {
    const bulkhead = new Bulkhead({ maxConcurrency: 2, maxQueue: 1 });
    const first = gate();
    const started: string[] = [];
    const run = (name: string) =>
      bulkhead.run(async () => {
        started.push(name);
        return first.task();
      });

    const running = [run('a'), run('b'), run('c')];
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect({ inFlight: bulkhead.inFlight, queued: bulkhead.queued }).toEqual({ inFlight: 2, queued: 1 });

    for (let i = 0; i < 20; i++) {
      const rejected = run('d');
      // At once: no slot is awaited, no timer set.
      expect(await settlesWithoutWaiting(rejected)).toBe(true);
      await expect(rejected).rejects.toBeInstanceOf(BulkheadRejectedError);
    }
    expect(bulkhead.rejected).toBe(20);

    first.open('ok');
    await expect(Promise.all(running)).resolves.toEqual(['ok', 'ok', 'ok']);
    expect(started).toEqual(['a', 'b', 'c']);
    expect({ inFlight: bulkhead.inFlight, queued: bulkhead.queued }).toEqual({ inFlight: 0, queued: 0 });
  });

  it('hands freed slots to waiters in arrival order, and frees a slot when the task fails', async () => {
    const bulkhead = new Bulkhead({ maxConcurrency: 1, maxQueue: 3 });
    const blocker = gate();
    const order: number[] = [];
    const failing = bulkhead.run(blocker.task);
    const waiters = [1, 2, 3].map((n) => bulkhead.run(async () => void order.push(n)));

    blocker.fail(new Error('boom'));

    await expect(failing).rejects.toThrow('boom');
    await Promise.all(waiters);
    expect(order).toEqual([1, 2, 3]);
    expect(bulkhead.inFlight).toBe(0);
  });

  it('lets a waiter leave the queue the moment its signal aborts, with the signal reason', async () => {
    const bulkhead = new Bulkhead({ maxConcurrency: 1, maxQueue: 1 });
    const blocker = gate();
    void bulkhead.run(blocker.task);
    const controller = new AbortController();
    const waiting = bulkhead.run(async () => 'never', controller.signal);
    await tick();

    const reason = new DOMException('budget spent', 'TimeoutError');
    controller.abort(reason);

    await expect(waiting).rejects.toBe(reason);
    expect(bulkhead.queued).toBe(0);
    // Its place is free again for the next caller.
    const next = bulkhead.run(async () => 'next');
    blocker.open('done');
    await expect(next).resolves.toBe('next');
  });

  it('refuses to queue a call whose signal has already aborted', async () => {
    const bulkhead = new Bulkhead({ maxConcurrency: 1, maxQueue: 5 });
    const blocker = gate();
    void bulkhead.run(blocker.task);
    const controller = new AbortController();
    controller.abort();

    await expect(bulkhead.run(async () => 'never', controller.signal)).rejects.toBe(controller.signal.reason);
    expect(bulkhead.queued).toBe(0);
    blocker.open('done');
  });
});
