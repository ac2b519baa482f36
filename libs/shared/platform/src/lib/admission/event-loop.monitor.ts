import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';

/** The histogram's timer ticks this often; each tick records how late it ran. */
const RESOLUTION_MS = 10;

/**
 * The event loop over one window.
 *
 * @example
 * const sample: EventLoopSample = { delayMs: 2, utilization: 0.35 };
 */
export interface EventLoopSample {
  /** Median delay of the window: how long a ready callback waited for its turn; robust to one long pause. */
  delayMs: number;
  /** Share of the window spent running callbacks (0–1). */
  utilization: number;
}

/**
 * Samples the event loop's delay and utilisation window by window, with Node's own
 * instruments (`monitorEventLoopDelay`, `performance.eventLoopUtilization`): no
 * timer of its own, no work per request.
 *
 * @example
 * const monitor = new EventLoopMonitor();
 * monitor.start();
 * setInterval(() => limit.update({ ...monitor.sample(), peakInFlight, limited }), 100);
 */
export class EventLoopMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private utilizationMark: EventLoopUtilization = performance.eventLoopUtilization();
  private windowStart = performance.now();

  start(): void {
    this.histogram.enable();
    this.startWindow();
  }

  stop(): void {
    this.histogram.disable();
  }

  /** The window so far, without ending it. */
  peek(): EventLoopSample {
    const { utilization } = performance.eventLoopUtilization(this.utilizationMark);
    // No tick recorded yet: the loop has been busy since the window began, or it just began.
    if (this.histogram.count === 0) {
      return { delayMs: Math.max(0, performance.now() - this.windowStart - RESOLUTION_MS), utilization };
    }
    return { delayMs: lateness(this.histogram.percentile(50)), utilization };
  }

  /** Ends the window and returns it; the next one starts now. */
  sample(): EventLoopSample {
    const sample = this.peek();
    this.startWindow();
    return sample;
  }

  private startWindow(): void {
    this.histogram.reset();
    this.utilizationMark = performance.eventLoopUtilization();
    this.windowStart = performance.now();
  }
}

/** A tick is recorded as the time since the previous one (ns); beyond the resolution it is late. */
function lateness(nanoseconds: number): number {
  return Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);
}
