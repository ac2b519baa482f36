import { Logger } from '@nestjs/common';

/** Identical lines remembered at most; past it the oldest is forgotten (and may log again). */
const MAX_LINES = 1_000;

interface Window {
  startedAt: number;
  suppressed: number;
}

/**
 * A warn logger that prints each distinct line at most once per window (a minute by
 * default): a downstream failing for every request logs one line a minute, not one
 * per request. What makes lines identical is the `line` argument; the `occurrence`
 * (a request id, say) is printed with the first one only. The next line printed after
 * a window says how many were held back.
 *
 * @example
 * const log = new RateLimitedLogger('ProblemDetails');
 * log.warn('GET /users/:userId 503 UPSTREAM_UNAVAILABLE service=user', 'requestId=4f1c');
 */
export class RateLimitedLogger {
  private readonly windows = new Map<string, Window>();
  private readonly output: Pick<Logger, 'warn'>;

  /** `logger` is a Nest logger context, or any logger with a `warn`. */
  constructor(
    logger: Pick<Logger, 'warn'> | string,
    private readonly windowMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.output = typeof logger === 'string' ? new Logger(logger) : logger;
  }

  /** Prints `line occurrence`, unless `line` was already printed within the window. */
  warn(line: string, occurrence?: string): void {
    const now = this.clock();
    const window = this.windows.get(line);
    if (window && now - window.startedAt < this.windowMs) {
      window.suppressed++;
      return;
    }
    const heldBack = window?.suppressed ?? 0;
    this.windows.delete(line);
    if (this.windows.size >= MAX_LINES) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(line, { startedAt: now, suppressed: 0 });
    const suffix = heldBack > 0 ? ` (${heldBack} more like this in the previous window)` : '';
    this.output.warn(occurrence === undefined ? line + suffix : `${line} ${occurrence}${suffix}`);
  }
}
