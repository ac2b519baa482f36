import type { HttpService } from '@nestjs/axios';
import { AxiosError, isAxiosError, type AxiosResponse, type Method } from 'axios';
import type { DownstreamOptions, DownstreamService } from '../service-clients.options';
import type { CallOptions } from './call-options';
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
}

const JSON_CONTENT_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Every call of one service's client goes through {@link DownstreamCaller.call}:
 * it builds the URL, applies the time limit and the caller's signal, accepts only
 * a JSON object or array, and maps every failure in one place. Per-service
 * resilience (per-try timeouts, retries, circuit breaking, bulkheads) and the
 * propagation of request headers belong here too, so no client method has to
 * know about them.
 *
 * @example
 * const caller = new DownstreamCaller(httpService, 'product', { timeoutMs: 2000 });
 * const product = await caller.call<Product>({ method: 'GET', path: path`/products/${id}` }, { timeoutMs: 300 });
 */
export class DownstreamCaller {
  constructor(
    private readonly http: HttpService,
    readonly service: DownstreamService,
    private readonly options: Pick<DownstreamOptions, 'timeoutMs'>,
  ) {}

  async call<T, F = never>(request: DownstreamRequest<F>, options: CallOptions = {}): Promise<T | F> {
    const url = withQuery(request.path, request.query);
    assertRelative(url);
    try {
      // The promise API of HttpService's axios instance: its Observable API adds a
      // cancel token per call and cancels it on teardown, even after the response,
      // building a CanceledError (stack trace and all) per call. Calls are
      // cancelled through `signal` instead.
      const response = await this.http.axiosRef.request<unknown>({
        method: request.method,
        url,
        data: request.body,
        timeout: timeoutOf(options.timeoutMs ?? this.options.timeoutMs),
        signal: options.signal,
        headers: options.headers,
      });
      return jsonBody<T>(response, request.isValid);
    } catch (error) {
      // A fallback status means "answered, and the body does not matter", even one axios could not parse.
      const status = isAxiosError(error) ? error.response?.status : undefined;
      if (request.fallbacks && status !== undefined && Object.hasOwn(request.fallbacks, status)) {
        return request.fallbacks[status] as F;
      }
      throw mapDownstreamError(error, {
        service: this.service,
        signal: options.signal,
        notFound: request.notFound,
      });
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
  if (!(ms > 0)) throw new AxiosError('No time left for the call', AxiosError.ETIMEDOUT);
  return Math.ceil(ms);
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
