import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics.options';

/** A scraper needs a connection or two; anything more on a management port is a mistake or an attack. */
const MAX_CONNECTIONS = 32;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The management port: `GET /metrics` in Prometheus' text format, on
 * `METRICS_HOST:METRICS_PORT`, a server of its own beside the public one. Nothing of
 * the public pipeline runs here (no authentication, rate limit, admission or request
 * log), and the public port has no `/metrics`: what reaches one port cannot reach the
 * other. Every other path is `404`, every other method `405`.
 *
 * It starts before the public port and logs `<service> metrics served at <url>`; it
 * closes with the app, after the public server has drained, so a scrape during a
 * shutdown still sees the drain.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    private readonly registry: Registry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {}

  /** `http://host:port/metrics` once listening (the real port when `METRICS_PORT=0`). */
  get url(): string | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? `http://${displayHost(this.options.host)}:${address.port}/metrics` : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled) return;
    const server = createServer((request, response) => void this.answer(request, response));
    server.maxConnections = MAX_CONNECTIONS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: this.options.port, host: this.options.host }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`${this.options.service} metrics served at ${this.url}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const { server } = this;
    if (server === undefined) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url?.split('?', 1)[0];
    if (path !== '/metrics') return reply(response, 404, 'Not Found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return reply(response, 405, 'Method Not Allowed\n');
    }
    try {
      const body = await this.registry.metrics();
      response.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error(`Collecting metrics failed: ${error instanceof Error ? error.message : String(error)}`);
      reply(response, 500, 'Internal Server Error\n');
    }
  }
}

function reply(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
