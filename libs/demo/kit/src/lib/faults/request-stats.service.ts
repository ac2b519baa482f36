import { Injectable } from '@nestjs/common';

/**
 * Counters of a demo service's public requests, as `GET /__admin/stats` returns
 * them. `aborted` counts requests whose client went away before the answer.
 *
 * @example
 * const { requests, aborted, byPath } = await (await fetch(`${url}/__admin/stats`)).json();
 */
export interface RequestStatsSnapshot {
  requests: number;
  aborted: number;
  byPath: Record<string, number>;
}

/** Scanners and fuzzers hit endless distinct paths; past this many, they share one counter. */
const MAX_DISTINCT_PATHS = 1_000;
const OTHER_PATHS = '(other)';

@Injectable()
export class RequestStats {
  private requests = 0;
  private aborted = 0;
  private readonly byPath = new Map<string, number>();

  recordRequest(path: string): void {
    this.requests += 1;
    const key = this.byPath.has(path) || this.byPath.size < MAX_DISTINCT_PATHS ? path : OTHER_PATHS;
    this.byPath.set(key, (this.byPath.get(key) ?? 0) + 1);
  }

  recordAborted(): void {
    this.aborted += 1;
  }

  snapshot(): RequestStatsSnapshot {
    return { requests: this.requests, aborted: this.aborted, byPath: Object.fromEntries(this.byPath) };
  }

  reset(): void {
    this.requests = 0;
    this.aborted = 0;
    this.byPath.clear();
  }
}
