import axios, {
  AxiosError,
  CanceledError,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { Pool } from 'undici';
import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Connection limits of an {@link UndiciAdapter}.
 *
 * @example
 * const options: UndiciAdapterOptions = { connections: 64, origins: ['http://127.0.0.1:4001'] };
 */
export interface UndiciAdapterOptions {
  /** Upper bound of open connections per origin; further calls queue for a free one. */
  connections: number;
  /**
   * Origins (`http://host:port`) this adapter may reach. A request for any other
   * origin is refused before a socket is opened, whatever URL it was built from.
   */
  origins?: readonly string[];
  /** How long an idle keep-alive connection stays open. Defaults to 4 s. */
  keepAliveTimeoutMs?: number;
  /** Upper bound for establishing a TCP connection. Defaults to 10 s. */
  connectTimeoutMs?: number;
}

/** Descriptor passed as `error.request`: enough to tell "no response" apart, nothing about the host. */
interface SentRequest {
  readonly method: string;
  readonly path: string;
}

type Body = string | Buffer | Uint8Array | undefined;

const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;
/** undici owns the connection; these would make it throw or break keep-alive. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);
const UNSUPPORTED_RESPONSE_TYPES = new Set(['stream', 'blob', 'document', 'formdata']);

/**
 * An axios adapter on undici connection pools: one `Pool` per origin with
 * keep-alive, pipelining 1 and a bounded number of connections. It costs a
 * fraction of the CPU of axios's Node `http` adapter per call while callers keep
 * axios (and Nest's `HttpService`): `timeout`, `signal`, cancel tokens,
 * `maxContentLength`, `maxBodyLength`, `validateStatus`, `responseType` and
 * `allowAbsoluteUrls` behave as axios documents, and errors are `AxiosError`s with
 * the codes axios uses. Redirects are never followed and responses are never
 * decompressed (no `Accept-Encoding` is sent; an encoded response is rejected).
 *
 * @example
 * const transport = new UndiciAdapter({ connections: 64 });
 * const http = axios.create({ baseURL: 'http://127.0.0.1:4001', timeout: 2000, adapter: transport.adapter });
 * await http.get('/products/1');
 * await transport.close();
 */
export class UndiciAdapter {
  private readonly pools = new Map<string, Pool>();
  private readonly origins: ReadonlySet<string> | undefined;
  private closed = false;

  constructor(private readonly options: UndiciAdapterOptions) {
    this.origins = options.origins && new Set(options.origins.map((origin) => new URL(origin).origin));
  }

  /** The function to pass as axios's `adapter` option. */
  readonly adapter: AxiosAdapter = (config) => this.send(config);

  /** Lets in-flight calls finish, then closes every connection; later calls fail with `UND_ERR_CLOSED`. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private async send(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
    const method = (config.method ?? 'get').toUpperCase();
    const { origin, path } = this.target(config);
    const request: SentRequest = { method, path };
    if (this.closed) throw new AxiosError('The transport is closed.', 'UND_ERR_CLOSED', config, request);
    const responseType = config.responseType;
    if (responseType !== undefined && UNSUPPORTED_RESPONSE_TYPES.has(responseType)) {
      throw new AxiosError(
        `responseType "${responseType}" is not supported`,
        AxiosError.ERR_NOT_SUPPORT,
        config,
      );
    }
    const body = requestBody(config);
    const maxBodyLength = config.maxBodyLength ?? -1;
    if (maxBodyLength > -1 && body !== undefined && Buffer.byteLength(body) > maxBodyLength) {
      throw new AxiosError(
        'Request body larger than maxBodyLength limit',
        AxiosError.ERR_BAD_REQUEST,
        config,
        request,
      );
    }

    const abort = new RequestAbort(config, request);
    let response: AxiosResponse | undefined;
    try {
      const reply = await this.pool(origin).request({
        method,
        path,
        headers: requestHeaders(config),
        body,
        signal: abort.signal,
      });
      response = {
        data: undefined,
        status: reply.statusCode,
        statusText: reply.statusText ?? '',
        headers: reply.headers,
        config,
        request,
      };
      const raw = await readBody(
        reply.body,
        reply.headers,
        config.maxContentLength ?? -1,
        config.decompress !== false,
      );
      response.data = decode(raw, responseType, config.responseEncoding);
    } catch (error) {
      throw abort.explain(error, config, response);
    } finally {
      abort.dispose();
    }
    return settle(response, config);
  }

  /** Resolves the URL as axios's own adapters do, then pins it to a known origin. */
  private target(config: InternalAxiosRequestConfig): { origin: string; path: string } {
    let url: URL;
    try {
      url = new URL(config.params == null ? fullPath(config) : axios.getUri(config));
    } catch (error) {
      throw AxiosError.from(error as Error, AxiosError.ERR_INVALID_URL, config);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AxiosError(`Unsupported protocol ${url.protocol}`, AxiosError.ERR_BAD_REQUEST, config);
    }
    if (this.origins && !this.origins.has(url.origin)) {
      throw new AxiosError('Request origin is not allowed', AxiosError.ERR_BAD_REQUEST, config);
    }
    return { origin: url.origin, path: url.pathname + url.search };
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

/**
 * undici accepts an `EventEmitter` as a request's signal. It costs a fraction of
 * an `AbortController` (whose `EventTarget` listeners were a third of the
 * adapter's CPU per call), and the caller's signal is listened to only when given.
 */
class AbortEmitter extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/**
 * Fires on the axios `timeout`, the caller's `signal` or cancel token, and
 * aborts the undici request (closing its connection, so the downstream sees the
 * caller give up). It remembers why it fired, because undici's rejection does not say.
 */
class RequestAbort {
  private readonly emitter = new AbortEmitter();
  private readonly timer: NodeJS.Timeout | undefined;
  private why: 'timeout' | 'cancel' | undefined;
  private cancelReason: unknown;
  private readonly onSignal = () => this.fire('cancel');
  private readonly onCancelToken = (reason: unknown) => {
    this.cancelReason = reason;
    this.fire('cancel');
  };

  constructor(
    private readonly config: InternalAxiosRequestConfig,
    private readonly request: SentRequest,
  ) {
    const timeout = config.timeout ?? 0;
    if (timeout > 0) this.timer = setTimeout(() => this.fire('timeout'), timeout);
    if (config.signal?.aborted) this.fire('cancel');
    config.signal?.addEventListener?.('abort', this.onSignal);
    config.cancelToken?.subscribe(this.onCancelToken);
  }

  get signal(): EventEmitter {
    return this.emitter;
  }

  /** Turns whatever undici threw into the `AxiosError` axios's http adapter would have thrown. */
  explain(
    error: unknown,
    config: InternalAxiosRequestConfig,
    response: AxiosResponse | undefined,
  ): AxiosError {
    if (this.why === 'timeout') {
      const transitional = config.transitional;
      return new AxiosError(
        config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`,
        transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED,
        config,
        this.request,
      );
    }
    if (this.why === 'cancel') {
      return this.cancelReason instanceof CanceledError
        ? this.cancelReason
        : new CanceledError(undefined, config, this.request);
    }
    if (error instanceof AxiosError) {
      error.config ??= config;
      error.request ??= this.request;
      if (response) error.response ??= response;
      return error;
    }
    // Once headers are in, a failure is the downstream's fault, not the network's.
    if (response)
      return AxiosError.from(error as Error, AxiosError.ERR_BAD_RESPONSE, config, this.request, response);
    return AxiosError.from(error as Error, undefined, config, this.request);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.config.signal?.removeEventListener?.('abort', this.onSignal);
    this.config.cancelToken?.unsubscribe(this.onCancelToken);
  }

  private fire(why: 'timeout' | 'cancel'): void {
    if (this.why) return;
    this.why = why;
    this.emitter.abort();
  }
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
  throw new AxiosError(
    'Only string and binary request bodies are supported',
    AxiosError.ERR_NOT_SUPPORT,
    config,
  );
}

/**
 * Reads the body up to `limit` bytes. Past the limit the stream is destroyed,
 * which closes the connection instead of downloading the rest.
 */
function readBody(
  body: Readable,
  headers: IncomingHttpHeaders,
  limit: number,
  decompress: boolean,
): Promise<Buffer> {
  const encoding = headers['content-encoding'];
  if (decompress && encoding && encoding !== 'identity') {
    discard(body);
    return Promise.reject(
      new AxiosError(`Unsupported content-encoding "${encoding}"`, AxiosError.ERR_BAD_RESPONSE),
    );
  }
  if (limit > -1 && Number(headers['content-length']) > limit) {
    discard(body);
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (limit > -1 && size > limit) {
        discard(body);
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    body.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    body.on('error', reject);
  });
}

/** Destroying an unfinished body closes its connection; undici then emits an abort error nobody needs. */
function discard(body: Readable): void {
  body.on('error', () => undefined).destroy();
}

function tooLarge(limit: number): AxiosError {
  return new AxiosError(`maxContentLength size of ${limit} exceeded`, AxiosError.ERR_BAD_RESPONSE);
}

function decode(
  raw: Buffer,
  responseType: string | undefined,
  encoding: string | undefined,
): string | Buffer {
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
    response.status >= 400 && response.status < 500
      ? AxiosError.ERR_BAD_REQUEST
      : AxiosError.ERR_BAD_RESPONSE,
    config,
    response.request,
    response,
  );
}
