import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** A response read once, with its body parsed when it is JSON, and how long it took. */
export interface TimedResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  elapsedMs: number;
}

/**
 * `fetch` that reads the whole body and measures the round trip, for assertions on
 * status, problem+json bodies and latency bounds.
 *
 * @example
 * const { status, body } = await request(`${bff.url}/product-details/1`);
 */
export async function request<T = unknown>(url: string, init?: RequestInit): Promise<TimedResponse<T>> {
  const started = performance.now();
  const response = await fetch(url, init);
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body = (/json/.test(contentType) && text ? JSON.parse(text) : text) as T;
  return { status: response.status, headers: response.headers, body, text, elapsedMs: performance.now() - started };
}

/**
 * Sends the path exactly as given. `fetch` normalises dot segments (`%2e%2e`
 * becomes `..` and is resolved away) before anything leaves the process, which
 * would hide a traversal attempt from the server under test. `localAddress` sends it
 * from another loopback address (any of 127.0.0.0/8 reaches a server on 127.0.0.1), on
 * a connection of its own, so a spec can play several clients told apart by IP.
 *
 * @example
 * const { status } = await rawRequest(bff.url, '/product-details/%2e%2e');
 * const { status } = await rawRequest(bff.url, '/users/1', headers, { localAddress: '127.0.0.2' });
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
  { localAddress }: { localAddress?: string } = {},
): Promise<TimedResponse> {
  const { hostname, port } = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const connection = localAddress === undefined ? {} : { localAddress, agent: false as const };
    const req = httpRequest({ host: hostname, port, path, headers, ...connection }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const json = /json/.test(responseHeaders.get('content-type') ?? '') && text;
        resolve({
          status: res.statusCode ?? 0,
          headers: responseHeaders,
          body: json ? JSON.parse(text) : text,
          text,
          elapsedMs: performance.now() - started,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Writes `raw` bytes on a new connection, then reads until the server closes it or
 * `waitMs` passes: for requests no HTTP client will send (two `Host` headers, an
 * HTTP/0.9 line, a body trickled a byte at a time) and for asserting that the server
 * hung up. A reset, or a broken pipe when the request is written after the drop,
 * counts as closed; any other socket error rejects.
 *
 * @example
 * const { text, closed } = await rawExchange(bff.url, 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n');
 */
export function rawExchange(url: string, raw: string, waitMs = 5_000): Promise<{ text: string; closed: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let text = '';
    const timer = setTimeout(() => finish(false), waitMs);
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish(true) : reject(error),
    );
  });
}
