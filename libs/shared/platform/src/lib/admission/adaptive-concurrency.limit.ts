import type { ConcurrencyLimitOptions } from './admission.options';

/**
 * What the gateway saw over one sampling window.
 *
 * @example
 * const window: LoadWindow = { delayMs: 3, utilization: 0.97, peakInFlight: 64, limited: true, turnedAway: false };
 */
export interface LoadWindow {
  /** Median event-loop delay over the window: how long a ready callback waited for its turn. */
  delayMs: number;
  /** Share of the window the event loop spent running callbacks (0–1). */
  utilization: number;
  /** Most admitted requests in flight at once during the window. */
  peakInFlight: number;
  /** Whether a request found every slot taken during the window. */
  limited: boolean;
  /** Whether requests were turned away during the window. */
  turnedAway: boolean;
}

/**
 * A loop this busy has no idle time to absorb more work; below it, a delay is
 * someone else's doing (a GC pause, a noisy neighbour taking the CPU), not ours.
 */
const BUSY_UTILIZATION = 0.9;
/** Below this the loop is mostly waiting on I/O: the limit may double (as a slow start would). */
const IDLE_UTILIZATION = 0.5;
/** Multiplicative decrease per congested window: 0.9 halves the limit in about 0.7 s. */
const BACKOFF = 0.9;

/**
 * How many requests the gateway works on at once, adapted every window by AIMD on
 * the gateway's own latency: the event-loop delay, which is exactly the wait a
 * ready request (or downstream response) spends before the gateway gets to it.
 *
 * - congested (delay above `targetDelayMs` while the loop is busy), the admitted
 *   requests a real share of the work (at least half the limit in flight) and none
 *   turned away: the limit shrinks by 10 %. While requests are being turned away it
 *   holds instead: the loop's delay then comes largely from answering those, and
 *   clients that retry at once would only multiply them at a lower limit;
 * - a request found every slot taken while the loop still had idle time (busy less
 *   than 90 % of the window, delay within the target): more requests in flight would
 *   use that time, so the limit grows, by √limit (Envoy's headroom), or doubles while
 *   the loop is mostly idle (a slow downstream: requests wait on I/O, not on the CPU);
 *   a saturated loop gains nothing from more requests in flight but longer turns;
 * - otherwise it stays: an idle gateway keeps its limit rather than drifting upward.
 *
 * It reads the event loop rather than response times because a response time mixes
 * the gateway's work with the downstream's: a slow downstream would shrink the limit
 * of an idle gateway (the breakers and bulkheads judge the downstream; this judges the
 * gateway). The target is a few milliseconds, not tens: beyond the few requests that
 * keep the CPU busy while others wait on the network, more in flight only makes each
 * turn of the loop longer, and Node accepts one new connection per turn (libuv), so
 * long turns also keep a burst of new clients waiting in the kernel for seconds. Never
 * below `minLimit` nor above `maxLimit`.
 *
 * @example
 * const limit = new AdaptiveConcurrencyLimit({ initialLimit: 64, minLimit: 4, maxLimit: 128, targetDelayMs: 5 });
 * limit.update({ delayMs: 45, utilization: 1, peakInFlight: 64, limited: true, turnedAway: false }); // congested: true
 * limit.current; // 57
 */
export class AdaptiveConcurrencyLimit {
  private value: number;

  constructor(private readonly options: ConcurrencyLimitOptions) {
    this.value = options.initialLimit;
  }

  get current(): number {
    return this.value;
  }

  /** Whether the loop was busy and callbacks waited longer than the target: the gateway's own congestion. */
  isCongested(sample: Pick<LoadWindow, 'delayMs' | 'utilization'>): boolean {
    return sample.delayMs > this.options.targetDelayMs && sample.utilization >= BUSY_UTILIZATION;
  }

  /** Adapts the limit to one window; returns whether the gateway was congested in it. */
  update(window: LoadWindow): boolean {
    const { minLimit, maxLimit } = this.options;
    const congested = this.isCongested(window);
    if (congested) {
      if (!window.turnedAway && window.peakInFlight * 2 >= this.value) this.value = Math.max(minLimit, Math.floor(this.value * BACKOFF));
    } else if (window.limited && window.delayMs <= this.options.targetDelayMs && window.utilization < BUSY_UTILIZATION) {
      const step = window.utilization < IDLE_UTILIZATION ? this.value : Math.max(1, Math.floor(Math.sqrt(this.value)));
      this.value = Math.min(maxLimit, this.value + step);
    }
    return congested;
  }
}
