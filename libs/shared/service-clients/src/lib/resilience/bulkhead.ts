import { BulkheadRejectedError } from 'cockatiel';
import type { BulkheadOptions } from '../service-clients.options';

interface Waiter {
  grant: () => void;
}

/**
 * Caps the calls in flight to one service and the calls waiting for a slot, so a
 * hanging service ties up a bounded share of the gateway and the calls beyond it
 * fail at once instead of piling up. Full → cockatiel's `BulkheadRejectedError`.
 *
 * Unlike cockatiel's own bulkhead, a waiting call leaves the queue the moment its
 * signal aborts (cockatiel keeps it queued until a slot frees, so a route budget
 * could not cut the wait short, and an aborted waiter blocks the ones behind it).
 *
 * @example
 * const bulkhead = new Bulkhead({ maxConcurrency: 8, maxQueue: 4 });
 * const product = await bulkhead.run(() => fetchProduct(), signal);
 */
export class Bulkhead {
  private active = 0;
  private readonly waiting = new Set<Waiter>();
  private rejectedCount = 0;

  constructor(private readonly options: BulkheadOptions) {}

  /** Calls holding a slot. */
  get inFlight(): number {
    return this.active;
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.waiting.size;
  }

  /** Calls refused because every slot and queue place was taken, since start. */
  get rejected(): number {
    return this.rejectedCount;
  }

  /**
   * Runs `fn` in a slot, waiting for one if need be. Rejects with
   * `BulkheadRejectedError` when full, and with the signal's reason when it aborts
   * before a slot is free.
   */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active < this.options.maxConcurrency) this.active += 1;
    else await this.enqueue(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private enqueue(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting.size >= this.options.maxQueue) {
      this.rejectedCount += 1;
      return Promise.reject(new BulkheadRejectedError(this.options.maxConcurrency, this.options.maxQueue));
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting.delete(waiter);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.waiting.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Hands the slot straight to the oldest waiter, so a newcomer cannot overtake the queue. */
  private release(): void {
    const next = this.waiting.values().next();
    if (next.done) {
      this.active -= 1;
      return;
    }
    this.waiting.delete(next.value);
    next.value.grant();
  }
}
