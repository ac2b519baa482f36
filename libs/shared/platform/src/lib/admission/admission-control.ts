import { AdaptiveConcurrencyLimit } from './adaptive-concurrency.limit';
import type { AdmissionMetrics } from './admission.metrics';
import type { ConcurrencyLimitOptions } from './admission.options';
import type { EventLoopSample } from './event-loop.monitor';

/**
 * A request waiting for a slot, as the queue sees it.
 *
 * @example
 * const waiter: AdmissionWaiter = { deadline: 0, isGone: () => socket.destroyed, admit: () => done(), expire: () => shed(reply) };
 */
export interface AdmissionWaiter {
  /** By when it must be answered (clock time); set when it is queued. */
  deadline: number;
  /** Its client has gone: nothing left to answer. */
  isGone(): boolean;
  /** Its slot is taken: let it start. */
  admit(): void;
  /** It could no longer be answered within its budget: answer it at once, without work. */
  expire(): void;
}

export interface AdmissionControlOptions {
  limit: ConcurrencyLimitOptions;
  maxQueue: number;
}

/**
 * How fast the remembered pace and service time fade per window when the gateway does
 * worse: by half in about 7 s. Its capacity does not change in 100 ms; a window slowed
 * by a burst of requests turned away (or a pause of the machine) must not shrink the
 * queue at once, or every client turned away comes straight back and slows the next
 * window further.
 */
const FADE = 0.99;
/** Past this many taken places, the queue's array is compacted. */
const COMPACT_AFTER = 1_024;

/**
 * Slots, a deadline-aware queue and the adaptive limit, as plain state over a clock
 * (so a spec drives it with a fake one).
 *
 * A request takes a free slot. With none free it waits in a FIFO queue, but only if
 * it could still be answered within its route budget: the answers ahead of it leave
 * at the gateway's pace, and its own answer takes a service time. Otherwise it is
 * turned away at once, while that is still cheap. A waiter is checked again when its
 * turn comes and at the end of every window: one whose budget can no longer be met
 * is dropped before any work starts, never run to time out.
 *
 * Both estimates are the best the gateway has shown lately, fading slowly (the best
 * window's throughput, or limit ÷ service time; the shortest window-average service
 * time), not the last window's. A waiting request costs nothing, while one turned away
 * on a pessimistic guess comes straight back if its client retries at once, slowing
 * the next window and shrinking the next guess, until the gateway does little else
 * than turn requests away. Queueing and dropping judge by the same estimate, so a
 * request is never queued only to be dropped at the next window.
 *
 * @example
 * const control = new AdmissionControl({ limit, maxQueue: 1000 }, metrics);
 * if (control.tryAcquire()) start(); else if (!control.enqueue(waiter, 1200)) shed();
 * // when the admitted request's response is done:
 * control.release(admittedAt);
 * // every 100 ms:
 * control.closeWindow(monitor.sample());
 */
export class AdmissionControl {
  private readonly limit: AdaptiveConcurrencyLimit;
  private active = 0;
  private waiting: (AdmissionWaiter | undefined)[] = [];
  private head = 0;
  /**
   * How long an admitted request holds its slot, in ms: the shortest recent window
   * average, rising slowly when windows are slower; 0 until the first answer.
   */
  private serviceMs = 0;
  private serviceSumInWindow = 0;
  /** Answers per ms the gateway has shown it can sustain: the best recent pace, fading slowly. */
  private pace = 0;
  private lastCongestedAt = Number.NEGATIVE_INFINITY;
  private window = { startedAt: 0, peak: 0, answered: 0, limited: false, turnedAway: false };

  constructor(
    private readonly options: AdmissionControlOptions,
    private readonly metrics: AdmissionMetrics,
    readonly clock: () => number = () => performance.now(),
  ) {
    this.limit = new AdaptiveConcurrencyLimit(options.limit);
    this.window.startedAt = clock();
  }

  get currentLimit(): number {
    return this.limit.current;
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length - this.head;
  }

  /** How long an admitted request takes to be answered, in ms, as the queue reckons it (0 before the first). */
  get serviceTimeMs(): number {
    return this.serviceMs;
  }

  /** Takes a free slot, if any. */
  tryAcquire(): boolean {
    if (this.active >= this.limit.current) {
      this.window.limited = true;
      return false;
    }
    this.take();
    return true;
  }

  /**
   * Queues a request that found no free slot, if it could still be answered within
   * `budgetMs`; `false` means turn it away now.
   */
  enqueue(waiter: AdmissionWaiter, budgetMs: number): boolean {
    this.window.limited = true;
    const ahead = this.queued;
    if (ahead >= this.options.maxQueue || this.expectedWaitMs(ahead + 1) + this.serviceMs > budgetMs) {
      this.window.turnedAway = true;
      return false;
    }
    waiter.deadline = this.clock() + budgetMs;
    this.waiting.push(waiter);
    this.metrics.record('queued');
    return true;
  }

  /** Notes a request turned away before it reached the queue (by the event-loop valve). */
  noteTurnedAway(): void {
    this.window.turnedAway = true;
  }

  /** An admitted request (taken at `admittedAt`) has been answered: its slot goes to the next waiter. */
  release(admittedAt: number): void {
    this.active -= 1;
    this.window.answered += 1;
    const tookMs = this.clock() - admittedAt;
    this.serviceSumInWindow += tookMs;
    if (this.serviceMs === 0) this.serviceMs = tookMs;
    this.drain();
  }

  /**
   * Ends a sampling window: adapts the limit to it, drops the waiters whose budget
   * can no longer be met, and admits waiters into any slots the limit gained.
   * Returns whether the gateway was congested in it.
   */
  closeWindow(sample: EventLoopSample): boolean {
    const now = this.clock();
    const { startedAt, peak, answered, limited, turnedAway } = this.window;
    const elapsed = now - startedAt;
    if (elapsed > 0) {
      // The pace of this window: answers that left, or the limit's worth per service time.
      const rate = Math.max(answered / elapsed, this.serviceMs > 0 ? this.limit.current / this.serviceMs : 0);
      this.pace = Math.max(rate, this.pace * FADE);
    }
    if (answered > 0) this.serviceMs = Math.min(this.serviceSumInWindow / answered, this.serviceMs / FADE);
    this.serviceSumInWindow = 0;
    const congested = this.limit.update({ ...sample, peakInFlight: peak, limited, turnedAway });
    if (congested) this.lastCongestedAt = now;
    this.window = { startedAt: now, peak: this.active, answered: 0, limited: this.queued > 0, turnedAway: false };
    this.sweep();
    this.drain();
    return congested;
  }

  /** Whether a window that ended at or after `since` (clock time) was congested. */
  congestedSince(since: number): boolean {
    return this.lastCongestedAt >= since;
  }

  /** Whether a sample (such as the window so far) shows the gateway congested. */
  isCongested(sample: EventLoopSample): boolean {
    return this.limit.isCongested(sample);
  }

  /** How long the `position`-th waiter should wait for a slot, at the pace answers leave. */
  private expectedWaitMs(position: number): number {
    const pace = Math.max(this.pace, this.serviceMs > 0 ? this.limit.current / this.serviceMs : 0);
    return pace > 0 ? position / pace : 0;
  }

  private take(): void {
    this.active += 1;
    if (this.active > this.window.peak) this.window.peak = this.active;
    this.metrics.record('admitted');
  }

  private drain(): void {
    const now = this.clock();
    while (this.active < this.limit.current && this.head < this.waiting.length) {
      const waiter = this.waiting[this.head] as AdmissionWaiter;
      this.waiting[this.head++] = undefined;
      if (waiter.isGone()) this.metrics.record('abandoned');
      else if (now + this.serviceMs > waiter.deadline) this.drop(waiter);
      else {
        this.take();
        waiter.admit();
      }
    }
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.head = 0;
    } else if (this.head > COMPACT_AFTER && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops every waiter that has gone or can no longer be answered in time, keeping the order of the rest. */
  private sweep(): void {
    if (this.queued === 0) return;
    const latestStart = this.clock() + this.serviceMs;
    const kept: AdmissionWaiter[] = [];
    for (let i = this.head; i < this.waiting.length; i++) {
      const waiter = this.waiting[i] as AdmissionWaiter;
      if (waiter.isGone()) this.metrics.record('abandoned');
      else if (latestStart > waiter.deadline) this.drop(waiter);
      else kept.push(waiter);
    }
    this.waiting = kept;
    this.head = 0;
  }

  private drop(waiter: AdmissionWaiter): void {
    this.window.turnedAway = true;
    this.metrics.record('expired');
    waiter.expire();
  }
}
