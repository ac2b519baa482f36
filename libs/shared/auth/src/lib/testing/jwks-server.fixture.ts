import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

export type JwksServerMode = 'serve' | 'hang' | 'fail';

/**
 * A real JWKS endpoint on a loopback port. It counts the requests it receives and
 * can be switched to hang or to fail, or be stopped outright.
 */
export class JwksServer {
  keys: JWK[] = [];
  mode: JwksServerMode = 'serve';
  requests = 0;

  private constructor(private readonly server: Server) {}

  static async start(keys: JWK[] = []): Promise<JwksServer> {
    const server = createServer();
    const jwks = new JwksServer(server);
    jwks.keys = keys;
    server.on('request', (_request, response) => {
      jwks.requests += 1;
      if (jwks.mode === 'hang') return;
      if (jwks.mode === 'fail') {
        response.writeHead(500).end('oops');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: jwks.keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return jwks;
  }

  /** Resolves once the request count satisfies `check`; rejects after `timeoutMs`. */
  async requestsWhen(check: (requests: number) => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.requests)) {
      if (Date.now() > deadline) throw new Error(`the JWKS endpoint saw ${this.requests} requests`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}
