import type { TypedConfig } from '@bff/config';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import type { Http2Session } from 'node:http2';
import { applyRouteBodyLimits } from './body-limit.decorator';
import { answerClientError } from './client-error.reply';
import { refuseMalformedRequestLines } from './host-header';

/** The listen-config variables that bound what one client may hold of the server. */
export interface HttpEdgeConfig {
  HTTP_HEADERS_TIMEOUT_MS: number;
  HTTP_REQUEST_TIMEOUT_MS: number;
  HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
  HTTP_MAX_CONNECTIONS: number;
}

/**
 * Fastify constructor options of the edge. Node's own answer to an HTTP/1.1 request
 * without `Host` is a bare 400; turning it off lets {@link guardHttpEdge} answer it
 * with problem+json like every other refusal. Requests the parser cannot read at all
 * are answered by {@link answerClientError}.
 */
export const HTTP_EDGE_ADAPTER_OPTIONS = {
  http: { requireHostHeader: false },
  clientErrorHandler: answerClientError,
} satisfies Partial<FastifyHttpOptions<Server>>;

/**
 * The request-level defences of the edge, installed on a new Fastify instance:
 * malformed request lines and `Host` headers are refused before anything else runs,
 * and each route's `@BodyLimit` is applied.
 *
 * @example
 * guardHttpEdge(adapter.getInstance());
 */
export function guardHttpEdge(fastify: FastifyInstance): void {
  refuseMalformedRequestLines(fastify);
  applyRouteBodyLimits(fastify);
}

/**
 * Bounds what one client can hold of the server, before it listens: the time to send
 * headers and a whole request (a client trickling a body a byte at a time is answered
 * 408 and disconnected), how long an idle keep-alive connection stays open, and how
 * many connections the process accepts (further ones are closed as they arrive,
 * before a byte is read).
 *
 * @example
 * applyHttpEdgeLimits(app.getHttpServer(), config);
 */
export function applyHttpEdgeLimits(server: Server, config: TypedConfig<HttpEdgeConfig>): void {
  const headersTimeout = config.get('HTTP_HEADERS_TIMEOUT_MS');
  server.headersTimeout = headersTimeout;
  server.requestTimeout = config.get('HTTP_REQUEST_TIMEOUT_MS');
  const keepAliveTimeout = config.get('HTTP_KEEP_ALIVE_TIMEOUT_MS');
  server.keepAliveTimeout = keepAliveTimeout;
  // Over HTTPS an HTTP/2 session is the keep-alive connection: idle that long, it is
  // closed (GOAWAY). Fastify closes it on timeout; this sets when. HTTP/1.1 never emits it.
  server.on('session', (session: Http2Session) => session.setTimeout(keepAliveTimeout));
  server.maxConnections = config.get('HTTP_MAX_CONNECTIONS');
  // Node looks for expired requests on a timer, every 30 s by default: a slow client
  // could overstay its timeout by that much. The sweep is cheap; run it every second.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1_000,
    headersTimeout,
  );
}
