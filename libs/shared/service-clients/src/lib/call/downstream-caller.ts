import { RequestContext } from '@bff/platform';
import type { HttpService } from '@nestjs/axios';
import { AxiosError, isAxiosError, type AxiosResponse, type Method } from 'axios';
import { classify, isRetryable } from '../failure/failure.classifier';
import { retryAfterMs } from '../resilience/retry-after';
import { ServiceResilience } from '../resilience/service-resilience';
import type { DownstreamOptions, DownstreamService } from '../service-clients.options';
import type { CallOptions } from './call-options';
import type { DownstreamCallRecorder } from './downstream-call.observer';
import type { DownstreamCallSpan, DownstreamCallSpans } from './downstream-call.tracer';
import { downstreamHeaders } from './downstream-headers';
import { mapDownstreamError } from './downstream-error.mapper';
import { withQuery, type DownstreamPath, type QueryParams } from './downstream-path';
import { runResilient, type ResilientCallPlan, type RetryRules } from './resilient-call';

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
  /**
   * Problem detail when the service answers 400 to input the client chose and the
   * gateway passed on as it is (an opaque cursor): the client's `400 BAD_REQUEST`.
   * Unset, a 400 means the gateway sent a malformed request: `UPSTREAM_BAD_RESPONSE`.
   */
  rejected?: string;
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
interface Call<F> extends ResilientCallPlan {
  request: DownstreamRequest<F>;
  url: DownstreamPath;
  headers: Record<string, string>;
  /** The call's span, when the app exports traces. */
  span: DownstreamCallSpan | undefined;
}

/** HTTP's retry rules: the retryable statuses and codes, and the service's `Retry-After`. */
const HTTP_RETRY_RULES: RetryRules = {
  isRetryable,
  askedDelayMs: (error) => (isAxiosError(error) ? retryAfterMs(error.response?.headers['retry-after']) : undefined),
};

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const NOT_SHAREABLE = /\b(?:no-store|private)\b/i;

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
    /** Where each call's outcome and duration go, when the app observes its calls. */
    private readonly recorder?: DownstreamCallRecorder,
    /** Starts each call's span, when the app exports traces. */
    private readonly spans?: DownstreamCallSpans,
  ) {}

  /**
   * Makes the call through the service's bulkhead, circuit breaker and retries
   * ({@link runResilient}, which states their order), each try limited to the
   * service's `timeoutMs` cut to the time left, on a transport that aborts the
   * request (closing its connection) on timeout or when the caller's signal fires.
   */
  async call<T, F = never>(request: DownstreamRequest<F>, options: CallOptions = {}): Promise<T | F> {
    const url = withQuery(request.path, request.query);
    assertRelative(url);
    const headers = downstreamHeaders(RequestContext.current()?.data, options.headers);
    const { signal } = options;
    const resilience = request.lane === undefined ? this.resilience : this.resilience.lane(request.lane);
    const span = this.spans?.start(headers, request.method);
    const call: Call<F> = {
      request,
      resilience,
      retry: this.options.retry,
      url,
      headers,
      idempotent: request.method === 'GET' || headers['idempotency-key'] !== undefined,
      deadline: performance.now() + (options.timeoutMs ?? this.options.callTimeoutMs),
      signal,
      recorder: this.recorder,
      span,
    };
    try {
      if (signal?.aborted) throw signal.reason;
      // A spent budget is the caller's doing: fail before the breaker can count it.
      timeoutOf(call.deadline - performance.now());
      const value = await runResilient(call, () => this.send<T, F>(call), HTTP_RETRY_RULES);
      span?.end('success');
      return value;
    } catch (error) {
      span?.end(classify(error, signal));
      const { notFound, rejected } = request;
      throw mapDownstreamError(error, { service: this.service, signal, notFound, rejected });
    }
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
      call.span?.answered(response.status);
      const body = jsonBody<T>(response, request.isValid);
      this.noteCacheability(response);
      return body;
    } catch (error) {
      // A fallback status means "answered, and the body does not matter", even one axios could not parse.
      const status = isAxiosError(error) ? error.response?.status : undefined;
      if (status !== undefined) call.span?.answered(status);
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
