import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy of a test's own, between an app and a shared service (RabbitMQ, Redis,
 * a gRPC server), so a test can cut the network without stopping a service other
 * tests use. `cut()` resets every connection through it and refuses new ones, as a
 * broker that died or a network that dropped; `restore()` lets connections through
 * again, and the app's own reconnection brings it back.
 *
 * @example
 * const proxy = await TcpProxy.start(5672);
 * const bff = await AppProcess.start('web-bff', { AMQP_URL: `amqp://guest:guest@127.0.0.1:${proxy.port}` });
 * proxy.cut();
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private open = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  /** Listens on a free loopback port and forwards every connection to `targetPort` on `targetHost`. */
  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('The proxy has no TCP address.');
    return new TcpProxy(server, address.port, { host: targetHost, port: targetPort });
  }

  /** Resets every open connection and every new one until {@link restore}. */
  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  restore(): void {
    this.open = true;
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (!this.open) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection(this.target);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }
}
