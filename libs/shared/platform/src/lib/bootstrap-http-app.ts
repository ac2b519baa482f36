import { LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigValidationError, TypedConfig } from '@bff/config';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_EDGE_ADAPTER_OPTIONS, applyHttpEdgeLimits, type HttpEdgeConfig } from './http-edge';
import { bindInterceptorContextCheaply } from './interceptor-context-binding';
import { RedactingConsoleLogger } from './logging/redacting-console.logger';
import { installEdgeStages } from './pipeline/gateway-pipeline';
import { requestIdFrom } from './request-id';
import { GracefulShutdown } from './shutdown/graceful-shutdown';
import { HttpServerDrain } from './shutdown/http-server-drain';

export interface ListenConfig extends HttpEdgeConfig {
  PORT: number;
  HOST: string;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: 'text' | 'json';
  SHUTDOWN_DRAIN_MS: number;
}

export interface HttpAppOptions {
  /** Service name used in logs and the health route. */
  name: string;
  /** The app's `TypedConfig` subclass; it must carry `PORT`, `HOST` and `LOG_LEVEL`. */
  config: Type<TypedConfig<ListenConfig>>;
}

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Connections the kernel holds for the app to accept. With Node's default of 511, a
 * burst of 1,000 new connections to a busy gateway overflows the accept queue and the
 * dropped SYNs are retried after 1 s, 3 s, 7 s: seconds of latency no admission control
 * can see. The kernel caps it at `net.core.somaxconn`.
 */
const LISTEN_BACKLOG = 4_096;

/**
 * Creates a Nest app on Fastify, listens where its config says and logs
 * `<name> listening on <url>` (process supervisors and the e2e harness wait for that
 * line). A bad configuration ends the process with the validation message alone.
 *
 * @example
 * void bootstrapHttpApp(AppModule, { name: 'web-bff', config: WebBffConfig });
 */
export async function bootstrapHttpApp(
  module: Type,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  let logger = new RedactingConsoleLogger(options.name);
  try {
    const app = await NestFactory.create<NestFastifyApplication>(module, createFastifyAdapter(), {
      logger,
      abortOnError: false,
      bufferLogs: true,
    });
    const config = app.get(options.config);
    logger = new RedactingConsoleLogger(options.name, {
      json: config.get('LOG_FORMAT') === 'json',
      logLevels: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.get('LOG_LEVEL')) + 1),
    });
    app.useLogger(logger);
    // Not Nest's enableShutdownHooks(): it closes pools under requests still in flight.
    new GracefulShutdown(app, { drainMs: config.get('SHUTDOWN_DRAIN_MS') ?? 10_000, logger }).listen();
    applyHttpEdgeLimits(app.getHttpServer(), config);
    await app.listen({ port: config.get('PORT'), host: config.get('HOST'), backlog: LISTEN_BACKLOG });
    const { port } = app.getHttpServer().address() as AddressInfo;
    logger.log(`${options.name} listening on http://${displayHost(config.get('HOST'))}:${port}`);
    return app;
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      // The message names each bad variable; a stack would only bury it.
      logger.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Fastify settings every app shares. `maxParamLength` is raised so an over-long id
 * reaches our validation and gets a 400 rather than Fastify's route-miss 404; the
 * request id comes from a valid `x-request-id` or is generated, and is echoed.
 */
export function createFastifyAdapter(): FastifyAdapter {
  bindInterceptorContextCheaply();
  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 2_048 },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    ...HTTP_EDGE_ADAPTER_OPTIONS,
  });
  const fastify = adapter.getInstance<FastifyInstance>();
  // Tracks connections from the first one, so a shutdown can find the busy ones.
  HttpServerDrain.for(fastify.server);
  // The request id, the edge's refusals and 405s, in the order the gateway pipeline states.
  installEdgeStages(fastify);
  return adapter;
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
