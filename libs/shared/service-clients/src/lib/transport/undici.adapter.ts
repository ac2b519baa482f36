import axios, { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { RequestAbort, type SentRequest } from './request-abort';
import { UndiciTransport, type Exchange, type RawResponse, type UndiciTransportOptions } from './undici.transport';

/**
 * Connection limits of an {@link UndiciAdapter}: those of its transport.
 *
 * @example
 * const options: UndiciAdapterOptions = { connections: 64, origins: ['http://127.0.0.1:4001'] };
 */
export type UndiciAdapterOptions = UndiciTransportOptions;

type Body = string | Uint8Array | undefined;

const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;
/** undici owns the connection; these would make it throw or break keep-alive. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);
const UNSUPPORTED_RESPONSE_TYPES = new Set(['stream', 'blob', 'document', 'formdata']);

/**
 * An axios adapter on an {@link UndiciTransport}. It costs a fraction of the CPU
 * of axios's Node `http` adapter per call while callers keep axios (and Nest's
 * `HttpService`): `timeout`, `signal`, cancel tokens, `maxContentLength`,
 * `maxBodyLength`, `validateStatus`, `responseType` and `allowAbsoluteUrls`
 * behave as axios documents, and errors are `AxiosError`s with the codes axios
 * uses. Redirects are never followed and responses are never decompressed (no
 * `Accept-Encoding` is sent; an encoded response is rejected).
 *
 * @example
 * const transport = new UndiciAdapter({ connections: 64 });
 * const http = axios.create({ baseURL: 'http://127.0.0.1:4001', timeout: 2000, adapter: transport.adapter });
 * await http.get('/products/1');
 * await transport.close();
 */
export class UndiciAdapter {
  /** The pools underneath, for the lean request path that skips axios's config handling. */
  readonly transport: UndiciTransport;

  constructor(options: UndiciAdapterOptions) {
    this.transport = new UndiciTransport(options);
  }

  /** The function to pass as axios's `adapter` option. */
  readonly adapter: AxiosAdapter = (config) => this.send(config);

  /** Lets in-flight calls finish, then closes every connection; later calls fail with `UND_ERR_CLOSED`. */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async send(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
    const method = (config.method ?? 'get').toUpperCase();
    const { origin, path } = target(config);
    const responseType = config.responseType;
    if (responseType !== undefined && UNSUPPORTED_RESPONSE_TYPES.has(responseType)) {
      throw new AxiosError(`responseType "${responseType}" is not supported`, AxiosError.ERR_NOT_SUPPORT, config);
    }
    const body = requestBody(config);
    const maxBodyLength = config.maxBodyLength ?? -1;
    if (maxBodyLength > -1 && body !== undefined && Buffer.byteLength(body) > maxBodyLength) {
      throw new AxiosError('Request body larger than maxBodyLength limit', AxiosError.ERR_BAD_REQUEST, config, {
        method,
        path,
      });
    }
    return exchange(
      this.transport,
      {
        origin,
        method,
        path,
        headers: requestHeaders(config),
        body,
        maxContentLength: config.maxContentLength ?? -1,
        rejectEncoded: config.decompress !== false,
      },
      config,
    );
  }
}

/**
 * Sends one exchange for an axios config and settles it as axios would: the
 * response decoded per `responseType` and checked by `validateStatus`, every
 * failure an `AxiosError`. Shared by the adapter and the lean request path.
 */
export async function exchange(
  transport: UndiciTransport,
  request: Exchange,
  config: InternalAxiosRequestConfig,
): Promise<AxiosResponse> {
  const sent: SentRequest = { method: request.method, path: request.path };
  const call = transport.start(request);
  const abort = new RequestAbort(config, call);
  let raw: RawResponse;
  try {
    raw = await call.done;
  } catch (error) {
    const head: AxiosResponse | undefined =
      call.headers === undefined
        ? undefined
        : { data: undefined, status: call.status, statusText: call.statusText, headers: call.headers, config, request: sent };
    throw abort.explain(error, config, sent, head);
  } finally {
    abort.dispose();
  }
  const response: AxiosResponse = {
    data: decode(raw.body, config.responseType, config.responseEncoding),
    status: raw.status,
    statusText: raw.statusText,
    headers: raw.headers,
    config,
    request: sent,
  };
  return settle(response, config);
}

/** Resolves the URL as axios's own adapters do, then checks its protocol. */
function target(config: InternalAxiosRequestConfig): { origin: string; path: string } {
  let url: URL;
  try {
    url = new URL(config.params == null ? fullPath(config) : axios.getUri(config));
  } catch (error) {
    throw AxiosError.from(error as Error, AxiosError.ERR_INVALID_URL, config);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AxiosError(`Unsupported protocol ${url.protocol}`, AxiosError.ERR_BAD_REQUEST, config);
  }
  return { origin: url.origin, path: url.pathname + url.search };
}

function fullPath(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? '';
  const base = config.baseURL;
  if (!base || (ABSOLUTE_URL.test(url) && config.allowAbsoluteUrls !== false)) return url;
  if (!url) return base;
  return base.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '');
}

function requestHeaders(config: InternalAxiosRequestConfig): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(config.headers.toJSON())) {
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    headers[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return headers;
}

function requestBody(config: InternalAxiosRequestConfig): Body {
  const data: unknown = config.data;
  if (data == null) return undefined;
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  throw new AxiosError('Only string and binary request bodies are supported', AxiosError.ERR_NOT_SUPPORT, config);
}

function decode(raw: Buffer, responseType: string | undefined, encoding: string | undefined): string | Buffer {
  if (responseType === 'arraybuffer') return raw;
  const text = raw.toString((encoding ?? 'utf8') as BufferEncoding);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** axios's `settle`, which its package does not export. */
function settle(response: AxiosResponse, config: InternalAxiosRequestConfig): AxiosResponse {
  const validateStatus = config.validateStatus;
  if (!response.status || !validateStatus || validateStatus(response.status)) return response;
  throw new AxiosError(
    `Request failed with status code ${response.status}`,
    response.status >= 400 && response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
    config,
    response.request,
    response,
  );
}
