import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContextData {
  requestId: string;
  /** The caller's address, `X-Forwarded-For` believed only from trusted proxies. */
  clientIp: string;
  /** The gateway's own span, to send downstream as `traceparent`. */
  traceparent: string;
  tracestate?: string;
  /** The supported language the request is answered in, negotiated from its `Accept-Language`. */
  acceptLanguage?: string;
  /** Verified subject of the caller, once authenticated (read when asked, after the guards have run). */
  readonly subject?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const NONE: readonly string[] = Object.freeze([]);

/**
 * What the gateway knows about the inbound request, available to any code running
 * on its behalf (downstream clients propagate it) without threading it through
 * every signature.
 *
 * @example
 * const ctx = RequestContext.current();
 * headers['x-request-id'] = ctx?.data.requestId ?? randomUUID();
 */
export class RequestContext {
  private uncacheable: string | undefined;
  /** Made on the first degraded part: most requests have none. */
  private degraded: Set<string> | undefined;
  /** Whose marks this context records: its own, or those of the request it was derived from. */
  private marks: RequestContext = this;

  constructor(readonly data: Readonly<RequestContextData>) {}

  /**
   * The same request with no caller: no `subject`, so nothing run in it (a handler,
   * the downstream calls it makes) can send or depend on who asked. A response meant
   * for everyone is computed in it. What it records (`markUncacheable`,
   * `markDegraded`) is recorded on this context, which still answers the request.
   *
   * @example
   * RequestContext.run(context.withoutIdentity(), () => handler()); // no x-user-id downstream
   */
  withoutIdentity(): RequestContext {
    const { data } = this;
    const anonymous = new RequestContext({
      requestId: data.requestId,
      clientIp: data.clientIp,
      traceparent: data.traceparent,
      ...(data.tracestate === undefined ? {} : { tracestate: data.tracestate }),
      ...(data.acceptLanguage === undefined ? {} : { acceptLanguage: data.acceptLanguage }),
    });
    anonymous.marks = this.marks;
    return anonymous;
  }

  static current(): RequestContext | undefined {
    return storage.getStore();
  }

  static run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  }

  /**
   * Makes `context` current for the rest of the running callback and everything it
   * starts (timers, promises, I/O), without a callback of its own to wrap: for a
   * framework hook that hands over to the next step by calling `done()`.
   */
  static enter(context: RequestContext): void {
    storage.enterWith(context);
  }

  /**
   * Records that something this response is built from must not be stored by a
   * shared cache (a downstream said `no-store`/`private` or set a cookie).
   */
  markUncacheable(reason: string): void {
    this.marks.uncacheable ??= reason;
  }

  get uncacheableReason(): string | undefined {
    return this.marks.uncacheable;
  }

  /**
   * Records that an optional part of the response was replaced by an
   * `unavailable` marker; the gateway lists these in `x-bff-degraded`. A degraded
   * response is never stored by a cache.
   */
  markDegraded(part: string): void {
    (this.marks.degraded ??= new Set()).add(part);
    this.markUncacheable(`degraded: ${part}`);
  }

  get degradedParts(): readonly string[] {
    const degraded = this.marks.degraded;
    return degraded === undefined ? NONE : Array.from(degraded);
  }
}
