import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * One public request as a demo service received it, as `GET /__admin/requests`
 * returns it: what a gateway really forwarded, headers included.
 *
 * @example
 * const [last] = (await (await fetch(`${url}/__admin/requests?limit=1`)).json()) as RecordedRequest[];
 * expect(last.headers['x-user-id']).toBeUndefined();
 */
export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
}

/**
 * Requests the log keeps: enough for any test's burst of calls, few enough that a
 * load test cannot grow it.
 *
 * @example
 * await fetch(`${url}/__admin/requests?limit=${REQUEST_LOG_CAPACITY}`);
 */
export const REQUEST_LOG_CAPACITY = 200;

/**
 * The most recent public requests, oldest first, in a ring of {@link REQUEST_LOG_CAPACITY}.
 *
 * @example
 * log.record('GET', '/products/1', request.headers);
 * log.recent(1); // [{ method: 'GET', path: '/products/1', headers: { ... } }]
 */
@Injectable()
export class RequestLog {
  private readonly entries: RecordedRequest[] = [];
  private next = 0;

  record(method: string, path: string, headers: IncomingHttpHeaders): void {
    const entry = { method, path, headers: { ...headers } };
    if (this.entries.length < REQUEST_LOG_CAPACITY) this.entries.push(entry);
    else this.entries[this.next] = entry;
    this.next = (this.next + 1) % REQUEST_LOG_CAPACITY;
  }

  /** The last `limit` requests (all kept, without one), oldest first. */
  recent(limit = REQUEST_LOG_CAPACITY): RecordedRequest[] {
    const ordered =
      this.entries.length < REQUEST_LOG_CAPACITY
        ? this.entries
        : [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return limit >= ordered.length ? [...ordered] : ordered.slice(ordered.length - limit);
  }

  clear(): void {
    this.entries.length = 0;
    this.next = 0;
  }
}
