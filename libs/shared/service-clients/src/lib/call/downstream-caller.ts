import { RequestContext } from '@bff/platform';
import type { HttpService } from '@nestjs/axios';
import { AxiosError, isAxiosError, type AxiosResponse, type Method } from 'axios';
import { isRetryable } from '../failure/failure.classifier';
import { fullJitterDelay } from '../resilience/backoff';
import { retryAfterMs } from '../resilience/retry-after';
import { ServiceResilience } from '../resilience/service-resilience';
import type { DownstreamOptions, DownstreamService } from '../service-clients.options';
import type { CallOptions } from './call-options';
import { downstreamHeaders } from './downstream-headers';
import { mapDownstreamError } from './downstream-error.mapper';
import { withQuery, type DownstreamPath, type QueryParams } from './downstream-path';

/**
 * One downstream request, described by data so every call takes the same road.
 *
 * @example
 * const request: DownstreamRequest<null> = {
 *   method: 'POST', path: path`/credentials/verify`, body: credentials, fallbacks: { 401: null },
 * };
 */
export interface DownstreamRequest<F = never> {
  method: Extract<Method, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;
  path: DownstreamPath;
  query?: QueryParams;
  /** Sent as JSON. */
  body?: unknown;
  /** Problem detail when the service answers 404. */
  notFound?: string;
  /** Non-2xx statuses that resolve to a fixed value instead of failing, e.g. `{ 401: null }`. */
  fallbacks?: Readonly<Partial<Record<number, F>>>;
  /** Rejects a well-formed JSON body of the wrong shape, as a bad upstream response. */
  isValid?: (body: unknown) => boolean;
  /**
   * Runs the call in a lane of the service with its own bulkhead, breaker and retry
   * budget (see `ServiceResilience.lane`), e.g. `'credentials'` for sign-ins, which
   * an attacker can send in floods.
   */
  lane?: string;
}

/** What one call keeps across its tries. */
interface Call<F> {
  request: DownstreamRequest<F>;
  /** The service's resilience state, or that of the request's lane. */
  resilience: ServiceResilience;
  url: DownstreamPath;
  headers: Record<string, string>;
  idempotent: boolean;
  /** `performance.now()` by which every try and backoff must be over. */
  deadline: number;
  signal: AbortSignal | undefined;
}

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const NOT_SHAREABLE = /\b(?:no-store|private)\b/i;
/** Less time than this left after a backoff, and a retry could not even be sent. */
const MIN_TRY_MS = 1;

/**
 * Every call of one service's client goes through {@link DownstreamCaller.call}:
 * it builds the URL and the headers, applies the service's resilience policy and
 * time limits, accepts only a JSON object or array, and maps every failure in one
 * place, so no client method has to know about any of it.
 *
 * @example
 * const caller = new DownstreamCaller(httpService, 'product', options.product);
 * const product = await caller.call<Product>({ method: 'GET', path: path`/products/${id}` }, { timeoutMs: 300 });
 */
export class DownstreamCaller {
  constructor(
    private readonly http: HttpService,
    readonly service: DownstreamService,
    private readonly options: DownstreamOptions,
    private readonly resilience: ServiceResilience = new ServiceResilience(options),
  ) {}

  /**
   * Makes the call. The layers apply in this order, outermost first:
   *
   * 1. bulkhead: caps the calls in flight to this service (and those waiting),
   *    for the whole call, retries and backoff included; full → 503 at once. It
   *    is outermost so the breaker sees only the service's own outcomes, never
   *    the gateway shedding load;
   * 2. circuit breaker: open → 503 at once (handing its slot straight back). It
   *    is outside the retries, so it judges calls, not tries: a call rescued by a
   *    retry is a success, and an open breaker never meets a retry loop;
   * 3. retries: idempotent calls only, within the retry budget and the call's
   *    deadline, after a capped, fully jittered backoff or the `Retry-After` asked for;
   * 4. per-try timeout: the service's `timeoutMs`, cut to the time left;
   * 5. the transport, which aborts the request (closing its connection) on
   *    timeout or when the caller's signal fires.
   */
  async call<T, F = never>(request: DownstreamRequest<F>, options: CallOptions = {}): Promise<T | F> {
    const url = withQuery(request.path, request.query);
    assertRelative(url);
    const headers = downstreamHeaders(RequestContext.current()?.data, options.headers);
    const { signal } = options;
    const resilience = request.lane === undefined ? this.resilience : this.resilience.lane(request.lane);
    const call: Call<F> = {
      request,
      resilience,
      url,
      headers,
      idempotent: request.method === 'GET' || headers['idempotency-key'] !== undefined,
      deadline: performance.now() + (options.timeoutMs ?? this.options.callTimeoutMs),
      signal,
    };
    try {
      if (signal?.aborted) throw signal.reason;
      // A spent budget is the caller's doing: fail before the breaker can count it.
      timeoutOf(call.deadline - performance.now());
      return await resilience.bulkhead.run(
        () => resilience.breaker.execute(() => this.withRetries<T, F>(call), signal),
        signal,
      );
    } catch (error) {
      throw mapDownstreamError(error, { service: this.service, signal, notFound: request.notFound });
    }
  }

  private async withRetries<T, F>(call: Call<F>): Promise<T | F> {
    call.resilience.retryBudget.recordCall();
    for (let retry = 0; ; retry++) {
      try {
        return await this.send<T, F>(call);
      } catch (error) {
        const delay = this.retryDelay(call, error, retry);
        if (delay === undefined || !call.resilience.retryBudget.tryRetry()) throw error;
        await sleep(delay, call.signal);
      }
    }
  }

  /** How long to wait before retrying, or `undefined` when this failure ends the call. */
  private retryDelay<F>(call: Call<F>, error: unknown, retry: number): number | undefined {
    const { retry: policy } = this.options;
    if (!call.idempotent || retry >= policy.retries || call.signal?.aborted || !isRetryable(error)) {
      return undefined;
    }
    const asked = isAxiosError(error) ? retryAfterMs(error.response?.headers['retry-after']) : undefined;
    // Retrying sooner than the service asked would defy it; waiting longer than the cap would stall the caller.
    if (asked !== undefined && asked > policy.maxRetryAfterMs) return undefined;
    const delay = asked ?? fullJitterDelay(retry, policy, call.resilience.random);
    // A try needs time after the wait; with none left, the failure at hand is the answer.
    return call.deadline - performance.now() - delay >= MIN_TRY_MS ? delay : undefined;
  }

  /**
   * A response the service marked as not for sharing (or that sets a cookie)
   * must not end up in a shared cache as part of the route's answer.
   */
  private noteCacheability(response: AxiosResponse<unknown>): void {
    const cacheControl = response.headers['cache-control'];
    if (typeof cacheControl === 'string' && NOT_SHAREABLE.test(cacheControl)) {
      RequestContext.current()?.markUncacheable(`${this.service} service: Cache-Control no-store or private`);
    } else if (response.headers['set-cookie'] !== undefined) {
      RequestContext.current()?.markUncacheable(`${this.service} service: Set-Cookie`);
    }
  }

  private async send<T, F>(call: Call<F>): Promise<T | F> {
    const { request } = call;
    try {
      // The promise API of HttpService's axios instance: its Observable API adds a
      // cancel token per call and cancels it on teardown, even after the response,
      // building a CanceledError (stack trace and all) per call. Calls are
      // cancelled through `signal` instead.
      const response = await this.http.axiosRef.request<unknown>({
        method: request.method,
        url: call.url,
        data: request.body,
        timeout: timeoutOf(Math.min(this.options.timeoutMs, call.deadline - performance.now())),
        signal: call.signal,
        headers: call.headers,
      });
      const body = jsonBody<T>(response, request.isValid);
      this.noteCacheability(response);
      return body;
    } catch (error) {
      // A fallback status means "answered, and the body does not matter", even one axios could not parse.
      const status = isAxiosError(error) ? error.response?.status : undefined;
      if (request.fallbacks && status !== undefined && Object.hasOwn(request.fallbacks, status)) {
        return request.fallbacks[status] as F;
      }
      throw error;
    }
  }
}

/**
 * Paths only come from `path`, so this cannot fire unless a cast slipped a raw
 * string in; then it stops an absolute or protocol-relative URL from choosing
 * the host.
 */
function assertRelative(url: string): void {
  if (url[0] !== '/' || url[1] === '/' || url[1] === '\\' || url.includes('://')) {
    throw new Error('A downstream path must be relative to the service base URL.');
  }
}

/** axios reads a timeout of 0 as "none": a spent budget must fail, not wait forever. */
function timeoutOf(ms: number): number {
  if (!(ms >= 1)) throw new AxiosError('No time left for the call', AxiosError.ETIMEDOUT);
  return Math.floor(ms);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function jsonBody<T>(response: AxiosResponse<unknown>, isValid: ((body: unknown) => boolean) | undefined): T {
  const contentType = response.headers['content-type'];
  const { data } = response;
  const acceptable =
    typeof contentType === 'string' &&
    JSON_CONTENT_TYPE.test(contentType) &&
    typeof data === 'object' &&
    data !== null &&
    (isValid === undefined || isValid(data));
  if (!acceptable) {
    throw new AxiosError(
      'Response is not the expected JSON',
      AxiosError.ERR_BAD_RESPONSE,
      response.config,
      response.request,
      response,
    );
  }
  return data as T;
}
