import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

/** What a drain did, for the shutdown log. */
export interface DrainOutcome {
  /** Connections still busy when the drain window ended, and cut. */
  cut: number;
}

/** Node keeps the response a connection is writing here; `null` between requests. */
type HttpSocket = Socket & { _httpMessage?: ServerResponse | null };

const drains = new WeakMap<Server, HttpServerDrain>();
/** Each server's open connections, where the shared `close` listener finds them. */
const connections = new WeakMap<Server, Set<Socket>>();

/**
 * Empties one HTTP server without dropping a request it has taken on. Node's
 * `server.close()` stops accepting and closes idle keep-alive connections, but leaves
 * a busy one open after its answer (until the client or the keep-alive timeout ends
 * it), and says nothing to its client; so the drain also tells every busy connection
 * that its current response is its last (`Connection: close`), and cuts what is still
 * running when the window ends.
 *
 * It knows the busy connections because it tracks every connection from the start:
 * one set entry and one shared `close` listener per connection, nothing per request.
 *
 * On an HTTPS server (HTTP/2 with HTTP/1.1 fallback) the HTTP/1.1 exchange runs on the
 * TLS socket, not the TCP one, so those are tracked too; `server.close()` ends each
 * HTTP/2 session gracefully itself (GOAWAY: streams in flight finish, no new ones).
 *
 * @example
 * const drain = HttpServerDrain.for(app.getHttpServer());
 * const { cut } = await drain.drain(10_000);
 */
export class HttpServerDrain {
  private readonly sockets = new Set<HttpSocket>();
  /** HTTPS only: the TLS sockets, where an HTTP/1.1 exchange keeps its response. */
  private readonly secureSockets = new Set<HttpSocket>();
  private draining = false;

  private constructor(private readonly server: Server) {
    connections.set(server, this.sockets);
    server.on('connection', (socket: HttpSocket) => {
      this.sockets.add(socket);
      socket.once('close', forget);
    });
    server.on('secureConnection', (socket: HttpSocket & TLSSocket) => {
      if (socket.alpnProtocol === 'h2') return;
      this.secureSockets.add(socket);
      socket.once('close', () => this.secureSockets.delete(socket));
    });
  }

  /** The drain of this server, tracking its connections from this call on. */
  static for(server: Server): HttpServerDrain {
    let drain = drains.get(server);
    if (!drain) {
      drain = new HttpServerDrain(server);
      drains.set(server, drain);
    }
    return drain;
  }

  /** Whether the server has stopped taking requests: readiness answers 503 from then on. */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Stops accepting connections at once, closes the idle ones, lets the busy ones
   * finish their current request (answered with `Connection: close`), and resolves
   * once every connection has closed, or after `windowMs` with the stragglers cut.
   */
  async drain(windowMs: number): Promise<DrainOutcome> {
    this.draining = true;
    // A request that arrives after this on a connection still open (it was mid-way
    // through its headers, or pipelined) is answered too, and is that connection's last.
    this.server.maxRequestsPerSocket = 1;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) lastResponseOn(socket);
    for (const socket of this.secureSockets) lastResponseOn(socket, true);
    let timer: NodeJS.Timeout | undefined;
    const windowEnded = new Promise<'ended'>((resolve) => (timer = setTimeout(resolve, windowMs, 'ended')));
    const outcome = await Promise.race([closed, windowEnded]);
    clearTimeout(timer);
    if (outcome !== 'ended') return { cut: 0 };
    const cut = this.sockets.size;
    this.closeAll();
    await closed;
    return { cut };
  }

  /** Ends the drain window now: what is still running is cut. */
  cutNow(): void {
    this.closeAll();
  }

  /** An HTTP/2 server has no `closeAllConnections()`: its TCP sockets are cut instead. */
  private closeAll(): void {
    if (typeof this.server.closeAllConnections === 'function') this.server.closeAllConnections();
    else for (const socket of this.sockets) socket.destroy();
  }
}

/** Shared by every connection, so tracking one allocates no closure; `this` is the socket. */
function forget(this: Socket & { server?: Server }): void {
  if (this.server) connections.get(this.server)?.delete(this);
}

/**
 * Makes the response a busy connection is working on its last: `Connection: close`
 * if its head is not written yet, else the connection is ended once it is sent. An idle
 * HTTP/1.1 connection over TLS is ended here too (`closeIdle`): an HTTP/2 server's
 * `close()` does not look for them.
 */
function lastResponseOn(socket: HttpSocket, closeIdle = false): void {
  const response = socket._httpMessage;
  if (!response) {
    if (closeIdle) socket.end();
    return;
  }
  if (response.writableFinished) return;
  if (!response.headersSent) response.shouldKeepAlive = false;
  else response.once('finish', () => socket.end());
}
