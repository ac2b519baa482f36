import { Pool, util, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Connection limits of an {@link UndiciTransport}.
 *
 * @example
 * const options: UndiciTransportOptions = { connections: 64, origins: ['http://127.0.0.1:4001'] };
 */
export interface UndiciTransportOptions {
  /** Upper bound of open connections per origin; further calls queue for a free one. */
  connections: number;
  /**
   * Origins (`http://host:port`) this transport may reach. A request for any other
   * origin is refused before a socket is opened, whatever URL it was built from.
   */
  origins?: readonly string[];
  /** How long an idle keep-alive connection stays open. Defaults to 4 s. */
  keepAliveTimeoutMs?: number;
  /** Upper bound for establishing a TCP connection. Defaults to 10 s. */
  connectTimeoutMs?: number;
}

/** One request as the transport sends it: the origin already checked, the path already built. */
export interface Exchange {
  origin: string;
  method: string;
  /** Path and query, starting with `/`. */
  path: string;
  headers: Record<string, string | string[]>;
  body: string | Uint8Array | undefined;
  /** Bytes of body accepted before the response is cut off; -1 for no limit. */
  maxContentLength: number;
  /** Refuse a `Content-Encoding` other than identity instead of passing encoded bytes on. */
  rejectEncoded: boolean;
}

/** Why an exchange ended early, as the transport saw it; callers turn it into their own error. */
export type ExchangeFailure =
  | { kind: 'too-large'; limit: number }
  | { kind: 'encoded'; encoding: string }
  | { kind: 'closed' }
  | { kind: 'origin' };

/**
 * Calls over undici connection pools: one `Pool` per origin with keep-alive,
 * pipelining 1 and a bounded number of connections. Responses are collected by a
 * plain dispatch handler into one Buffer: no body stream, no `AbortController`,
 * no per-call closures beyond the promise, which is most of what undici's
 * `request()` costs per call.
 *
 * @example
 * const transport = new UndiciTransport({ connections: 64 });
 * const call = transport.start({ origin: 'http://127.0.0.1:4001', method: 'GET', path: '/products/1', ... });
 * const { status, body } = await call.done;
 */
export class UndiciTransport {
  private readonly pools = new Map<string, Pool>();
  private readonly origins: ReadonlySet<string> | undefined;
  private closed = false;

  constructor(private readonly options: UndiciTransportOptions) {
    this.origins = options.origins && new Set(options.origins.map((origin) => new URL(origin).origin));
  }

  /** May requests to this origin be sent at all? */
  allows(origin: string): boolean {
    return this.origins === undefined || this.origins.has(origin);
  }

  /**
   * Sends the request. The returned call settles once the whole body is in, and
   * can be aborted at any time (a queued request is then never sent; a sent one
   * has its connection closed, so the downstream sees the caller give up).
   */
  start(exchange: Exchange): InFlight {
    const call = new InFlight(exchange);
    if (this.closed) call.fail({ kind: 'closed' } satisfies ExchangeFailure);
    else if (!this.allows(exchange.origin)) call.fail({ kind: 'origin' } satisfies ExchangeFailure);
    else {
      this.pool(exchange.origin).dispatch(
        { origin: exchange.origin, method: exchange.method as Dispatcher.HttpMethod, path: exchange.path, headers: exchange.headers, body: exchange.body },
        call,
      );
    }
    return call;
  }

  /** Lets in-flight calls finish, then closes every connection; later calls fail as `closed`. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connections,
        pipelining: 1,
        keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 4_000,
        connect: { timeout: this.options.connectTimeoutMs ?? 10_000 },
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

/** What a finished call resolves to. */
export interface RawResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One call in flight, and undici's dispatch handler for it. Once the status line
 * and headers are in, `status` and `headers` are set, so a failure while reading the
 * body can still be told apart from one before any answer.
 */
export class InFlight implements Dispatcher.DispatchHandler {
  readonly done: Promise<RawResponse>;
  status = 0;
  statusText = '';
  headers: IncomingHttpHeaders | undefined;
  private resolve!: (response: RawResponse) => void;
  private reject!: (reason: unknown) => void;
  private abortConnection: ((reason: Error) => void) | undefined;
  private abortReason: Error | undefined;
  private chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(private readonly exchange: Exchange) {
    this.done = new Promise<RawResponse>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Stops the call; `done` rejects with `reason` at once, even while it waits for a connection. */
  abort(reason: Error): void {
    if (this.settled) return;
    this.abortReason = reason;
    this.abortConnection?.(reason);
    this.fail(reason);
  }

  /** Settles `done` as failed; whatever undici reports afterwards is ignored. */
  fail(reason: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.chunks = [];
    this.reject(reason);
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.abortReason) abort(this.abortReason);
    else this.abortConnection = abort;
  }

  onHeaders(status: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (this.settled) return false;
    const headers = util.parseHeaders(rawHeaders) as IncomingHttpHeaders;
    this.status = status;
    this.statusText = statusText ?? '';
    this.headers = headers;
    const { maxContentLength, rejectEncoded } = this.exchange;
    const encoding = headers['content-encoding'];
    if (rejectEncoded && encoding && encoding !== 'identity') {
      this.cut({ kind: 'encoded', encoding });
      return false;
    }
    if (maxContentLength > -1 && Number(headers['content-length']) > maxContentLength) {
      this.cut({ kind: 'too-large', limit: maxContentLength });
      return false;
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.settled) return false;
    this.size += chunk.length;
    const limit = this.exchange.maxContentLength;
    if (limit > -1 && this.size > limit) {
      this.cut({ kind: 'too-large', limit });
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.settled) return;
    this.settled = true;
    const { chunks } = this;
    this.chunks = [];
    this.resolve({
      status: this.status,
      statusText: this.statusText,
      headers: this.headers ?? {},
      body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, this.size),
    });
  }

  onError(error: Error): void {
    this.fail(error);
  }

  /** Ends the call with `failure` and closes its connection instead of downloading the rest. */
  private cut(failure: ExchangeFailure): void {
    const abort = this.abortConnection;
    this.fail(failure);
    abort?.(new Error('response refused'));
  }
}
