import { LogLevel, LoggerService, Type } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigModule, ConfigValidationError, TypedConfig } from '@bff/config';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server as TlsServer } from 'node:tls';
import { HTTP_EDGE_ADAPTER_OPTIONS, applyHttpEdgeLimits, type HttpEdgeConfig } from './http-edge';
import { registerResponseCompression } from './compression/response-compression';
import { bindInterceptorContextCheaply } from './interceptor-context-binding';
import { AccessLog } from './logging/access-log.hooks';
import { createAppLogger } from './logging/app-logger.factory';
import { RedactingConsoleLogger } from './logging/redacting-console.logger';
import { RedactingPinoLogger } from './logging/redacting-pino.logger';
import { installEdgeStages } from './pipeline/gateway-pipeline';
import { requestIdFrom } from './request-id';
import { GracefulShutdown } from './shutdown/graceful-shutdown';
import { HttpServerDrain } from './shutdown/http-server-drain';
import { CertificateReloader } from './tls/certificate-reloader';
import { tlsConfigSchema, type TlsCredentials } from './tls/tls-config.schema';
import { secureServerOptions } from './tls/tls-server-options';

export interface ListenConfig extends HttpEdgeConfig {
  PORT: number;
  HOST: string;
  LOG_LEVEL: LogLevel;
  LOG_FORMAT: 'text' | 'json';
  SHUTDOWN_DRAIN_MS: number;
  /** Keys the access line's subject hash (`accessLogConfigShape`); read only with `accessLog`. */
  LOG_SUBJECT_SECRET?: string;
}

export interface HttpAppOptions {
  /** Service name used in logs and the health route. */
  name: string;
  /** The app's `TypedConfig` subclass; it must carry `PORT`, `HOST` and `LOG_LEVEL`. */
  config: Type<TypedConfig<ListenConfig>>;
  /**
   * Writes one access line per request (see `AccessLog`), naming the client whose
   * gateway this is (`web`, `mobile`); the demo services write none.
   */
  accessLog?: { client: string };
}

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
  // Until the config is read, the format is unknown: a bad config is reported as text.
  let logger: LoggerService = new RedactingConsoleLogger(options.name);
  try {
    // Known before the app exists: the server is created with the adapter, TLS or not.
    const tls = ConfigModule.load(tlsConfigSchema);
    const app = await NestFactory.create<NestFastifyApplication>(module, createFastifyAdapter(tls), {
      logger,
      abortOnError: false,
      bufferLogs: true,
    });
    const config = app.get(options.config);
    const root = createAppLogger({ service: options.name, format: config.get('LOG_FORMAT'), level: config.get('LOG_LEVEL') });
    logger = new RedactingPinoLogger(root);
    app.useLogger(logger);
    if (options.accessLog) {
      const accessLog = new AccessLog(root, { ...options.accessLog, subjectSecret: config.get('LOG_SUBJECT_SECRET') });
      accessLog.install(app.get(HttpAdapterHost).httpAdapter.getInstance<FastifyInstance>());
    }
    // Not Nest's enableShutdownHooks(): it closes pools under requests still in flight.
    new GracefulShutdown(app, { drainMs: config.get('SHUTDOWN_DRAIN_MS') ?? 10_000, logger }).listen();
    applyHttpEdgeLimits(app.getHttpServer(), config);
    if (tls) new CertificateReloader(app.getHttpServer() as unknown as TlsServer, tls, logger).start();
    await registerResponseCompression(app);
    await app.listen({ port: config.get('PORT'), host: config.get('HOST'), backlog: LISTEN_BACKLOG });
    const { port } = app.getHttpServer().address() as AddressInfo;
    if (tls) logger.log(`HTTPS with HTTP/2 and HTTP/1.1, certificate ${tls.fingerprint}`);
    logger.log(`${options.name} listening on ${tls ? 'https' : 'http'}://${displayHost(config.get('HOST'))}:${port}`);
    return app;
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      // The message names each bad variable; a stack would only bury it.
      logger.fatal?.(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * Fastify settings every app shares. `maxParamLength` is raised so an over-long id
 * reaches our validation and gets a 400 rather than Fastify's route-miss 404; the
 * request id comes from a valid `x-request-id` or is generated, and is echoed. With
 * `tls`, the server speaks HTTPS: HTTP/2, and HTTP/1.1 for clients without it.
 */
export function createFastifyAdapter(tls?: TlsCredentials): FastifyAdapter {
  bindInterceptorContextCheaply();
  const adapter = new FastifyAdapter({
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 2_048 },
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    ...HTTP_EDGE_ADAPTER_OPTIONS,
    // Typed as the HTTP/1.1 adapter still: with `allowHTTP1` the HTTP/2 server carries the
    // same timeouts and limits, and the apps touch nothing HTTP/2 adds.
    ...((tls ? { http2: true, https: secureServerOptions(tls, HTTP_EDGE_ADAPTER_OPTIONS.http) } : {}) as object),
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
