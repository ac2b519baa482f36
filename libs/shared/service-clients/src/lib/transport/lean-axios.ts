import axios, {
  AxiosError,
  type AxiosInstance,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { exchange, type UndiciAdapter } from './undici.adapter';

/** The only settings a lean call may carry; anything else takes axios's full road. */
const LEAN_KEYS = new Set(['method', 'url', 'data', 'timeout', 'signal', 'headers']);
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * An axios instance for one downstream service whose `request` takes a short road
 * for the calls `DownstreamCaller` makes, and axios's own for everything else.
 *
 * Per call, axios deep-merges the instance defaults into the config, builds
 * `AxiosHeaders` objects three times, runs the interceptor chain and the
 * transformers through `forEach`/`findKey` over every header: a CPU profile of a
 * busy gateway put it at 14% of all its CPU, more than the gateway's own code.
 * Here the defaults are merged once, when the instance is made, and a call whose
 * config holds only `method`, `url` (a relative path), `data` (a plain object),
 * `timeout`, `signal` and string `headers`, on an instance without interceptors,
 * goes straight to the undici transport with the merged settings. It resolves and
 * rejects exactly as axios would for that config (same response fields, same
 * `AxiosError` codes, strict JSON parsing of the body, status validation), which
 * the spec checks call for call against the full road.
 *
 * Callers keep `HttpService` and its axios instance as their API; this is what runs
 * beneath it.
 *
 * @example
 * const http = new HttpService(leanAxios(downstreamAxiosConfig(options, transport.adapter), transport));
 * await http.axiosRef.request({ method: 'GET', url: '/products/1', timeout: 500 });
 */
export function leanAxios(defaults: AxiosRequestConfig, transport: UndiciAdapter): AxiosInstance {
  const instance = axios.create(defaults);
  const fullRoad = instance.request.bind(instance);
  const settings = leanSettings(defaults);
  const hasInterceptors = () =>
    hasHandlers(instance.interceptors.request) || hasHandlers(instance.interceptors.response);

  const request = (config: AxiosRequestConfig): Promise<AxiosResponse> => {
    if (settings === undefined || !isLean(config) || hasInterceptors()) return fullRoad(config);
    return leanRequest(settings, transport, config);
  };
  instance.request = request as AxiosInstance['request'];
  return instance;
}

/** The instance defaults a lean call needs, resolved once. */
interface LeanSettings {
  origin: string;
  /** Base URL path without its trailing slash. */
  basePath: string;
  defaults: AxiosRequestConfig;
  accept: string;
  maxContentLength: number;
  maxBodyLength: number;
  rejectEncoded: boolean;
  validateStatus: (status: number) => boolean;
}

/** `undefined` when the defaults ask for something only the full road does. */
function leanSettings(defaults: AxiosRequestConfig): LeanSettings | undefined {
  const { baseURL, transitional, responseType } = defaults;
  if (baseURL === undefined || defaults.allowAbsoluteUrls !== false || responseType !== 'json') return undefined;
  // Strict JSON: a body that is not JSON fails instead of arriving as a string.
  if (transitional?.silentJSONParsing !== false) return undefined;
  if (defaults.transformRequest !== undefined || defaults.transformResponse !== undefined) return undefined;
  if (defaults.params !== undefined || defaults.auth !== undefined || defaults.validateStatus === null) return undefined;
  const base = new URL(baseURL);
  if (base.protocol !== 'http:' || base.search !== '') return undefined;
  const headers = (defaults.headers ?? {}) as Record<string, unknown>;
  if (Object.keys(headers).some((name) => name.toLowerCase() !== 'accept')) return undefined;
  const accept = Object.entries(headers).find(([name]) => name.toLowerCase() === 'accept')?.[1];
  return {
    origin: base.origin,
    basePath: base.pathname.replace(/\/+$/, ''),
    defaults,
    accept: typeof accept === 'string' ? accept : 'application/json, text/plain, */*',
    maxContentLength: defaults.maxContentLength ?? -1,
    maxBodyLength: defaults.maxBodyLength ?? -1,
    rejectEncoded: defaults.decompress !== false,
    validateStatus: defaults.validateStatus ?? ((status) => status >= 200 && status < 300),
  };
}

function isLean(config: AxiosRequestConfig): boolean {
  for (const key in config) {
    if (!LEAN_KEYS.has(key) && (config as Record<string, unknown>)[key] !== undefined) return false;
  }
  const { url, data, headers } = config;
  // Relative paths only: anything that could name another host takes the full road and its checks.
  if (typeof url !== 'string' || url[0] !== '/' || url[1] === '/' || url[1] === '\\') return false;
  if (data !== undefined && (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype)) {
    return false;
  }
  if (headers !== undefined) {
    if (typeof headers !== 'object' || headers === null || Object.getPrototypeOf(headers) !== Object.prototype) return false;
    for (const name in headers) {
      const value = (headers as Record<string, unknown>)[name];
      if (typeof value !== 'string' || !/^[\w-]+$/.test(name) || HOP_BY_HOP.has(name.toLowerCase())) return false;
      if (name.toLowerCase() === 'accept' || name.toLowerCase() === 'content-type') return false;
    }
  }
  return true;
}

/** undici owns the connection; a call asking for these takes the full road, which drops them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

async function leanRequest(
  settings: LeanSettings,
  transport: UndiciAdapter,
  call: AxiosRequestConfig,
): Promise<AxiosResponse> {
  const method = (call.method ?? 'get').toUpperCase();
  const headers: Record<string, string> = { Accept: settings.accept, ...(call.headers as Record<string, string>) };
  let body: string | undefined;
  if (call.data !== undefined) {
    body = JSON.stringify(call.data);
    headers['Content-Type'] = 'application/json';
  } else if (BODY_METHODS.has(method)) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  // The config errors and responses carry, as axios's would: defaults overlaid by the call.
  const config = {
    ...settings.defaults,
    ...call,
    method: method.toLowerCase(),
    headers,
    data: body,
    validateStatus: settings.validateStatus,
  } as unknown as InternalAxiosRequestConfig;
  const path = settings.basePath + call.url;
  if (settings.maxBodyLength > -1 && body !== undefined && Buffer.byteLength(body) > settings.maxBodyLength) {
    throw new AxiosError('Request body larger than maxBodyLength limit', AxiosError.ERR_BAD_REQUEST, config, {
      method,
      path,
    });
  }
  let response: AxiosResponse;
  try {
    response = await exchange(
      transport.transport,
      {
        origin: settings.origin,
        method,
        path,
        headers,
        body,
        maxContentLength: settings.maxContentLength,
        rejectEncoded: settings.rejectEncoded,
      },
      config,
    );
  } catch (error) {
    // axios parses the body of a refused status too; a body that is not JSON then becomes the error.
    if (error instanceof AxiosError && error.response !== undefined && error.code !== AxiosError.ERR_CANCELED) {
      error.response.data = parseJson(error.response, config);
    }
    throw error;
  }
  response.data = parseJson(response, config);
  return response;
}

/** axios's default `transformResponse` for `responseType: 'json'` with strict parsing. */
function parseJson(response: AxiosResponse, config: InternalAxiosRequestConfig): unknown {
  const { data } = response;
  if (typeof data !== 'string' || data === '') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch (error) {
    throw AxiosError.from(error as Error, AxiosError.ERR_BAD_RESPONSE, config, null, response);
  }
}

function hasHandlers(manager: unknown): boolean {
  const handlers = (manager as { handlers?: unknown[] }).handlers;
  return Array.isArray(handlers) && handlers.some((handler) => handler !== null);
}
