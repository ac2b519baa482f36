import type { FaultSpec } from '@bff/downstream-contracts';

export interface DemoStats {
  requests: number;
  aborted: number;
  byPath: Record<string, number>;
}

/** One request as a demo service received it, from `GET /__admin/requests`. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Drives a demo service's fault knobs and request counters through its admin API.
 *
 * @example
 * const reviews = new DemoFaults(stack.services.review.url);
 * await reviews.set({ latencyMs: 300 });
 * expect((await reviews.stats()).requests).toBe(1);
 */
export class DemoFaults {
  constructor(private readonly baseUrl: string) {}

  async set(spec: FaultSpec): Promise<void> {
    await this.admin('PUT', '/__admin/faults', spec);
  }

  async clear(): Promise<void> {
    await this.admin('DELETE', '/__admin/faults');
  }

  async stats(): Promise<DemoStats> {
    const response = await this.admin('GET', '/__admin/stats');
    return (await response.json()) as DemoStats;
  }

  /** The most recent public requests the service received, oldest first, with their headers. */
  async requests(): Promise<RecordedRequest[]> {
    const response = await this.admin('GET', '/__admin/requests');
    return (await response.json()) as RecordedRequest[];
  }

  /**
   * The counters once `check` holds, or as they are after `timeoutMs`: a service
   * notices a connection its caller closed a moment after the caller gave up.
   */
  async statsWhen(check: (stats: DemoStats) => boolean, timeoutMs = 2_000): Promise<DemoStats> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await this.stats();
      if (check(current) || Date.now() > deadline) return current;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async resetStats(): Promise<void> {
    await this.admin('DELETE', '/__admin/stats');
  }

  /** Clears faults and counters: call it between tests. */
  async reset(): Promise<void> {
    await Promise.all([this.clear(), this.resetStats()]);
  }

  private async admin(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response;
  }
}
