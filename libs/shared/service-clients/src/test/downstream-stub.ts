import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Settles when the connection that carried this request closes. */
  socketClosed: Promise<void>;
}

export type StubHandler = (request: IncomingMessage, response: ServerResponse, received: StubRequest) => void;

/** A real HTTP server on a free loopback port standing in for a downstream service. */
export class DownstreamStub {
  readonly requests: StubRequest[] = [];
  connections = 0;

  private constructor(
    private readonly server: Server,
    private handler: StubHandler,
  ) {}

  static async start(handler?: StubHandler): Promise<DownstreamStub> {
    const stub = DownstreamStub.create(handler);
    await stub.listen();
    return stub;
  }

  /** A stub not yet listening: {@link listen} before the first request. */
  static create(handler: StubHandler = (_req, res) => json(res, 200, {})): DownstreamStub {
    const server = createServer();
    const stub = new DownstreamStub(server, handler);
    server.on('connection', () => stub.connections++);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      const socketClosed = new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const received: StubRequest = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          socketClosed,
        };
        stub.requests.push(received);
        stub.handler(request, response, received);
      });
    });
    return stub;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  handle(handler: StubHandler): void {
    this.handler = handler;
  }

  reset(handler?: StubHandler): void {
    this.requests.length = 0;
    this.connections = 0;
    if (handler) this.handler = handler;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function json(response: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

/** A loopback port nothing listens on, so connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
