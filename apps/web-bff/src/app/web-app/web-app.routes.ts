import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { INFRASTRUCTURE_ROUTE } from '@bff/platform';
import { BffError, PROBLEM_CONTENT_TYPE, toProblem } from '@bff/problem';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebBffConfig } from '../web-bff.config';
import { acceptedEncoding } from './accepted-encoding';
import { etagMatches } from './etag-matches';
import { type ContentEncoding, type WebAppFile, loadWebAppFiles } from './web-app.files';

/** The document is revalidated on every load, so a deployment shows at once. */
const DOCUMENT_CACHE_CONTROL = 'no-cache';
/** Asset names carry their content hash: a changed file is a new URL. */
const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The CSP of the app's document, in place of the API's `default-src 'none'`: the
 * page runs its own bundled scripts and styles and calls its own origin, nothing
 * else (no inline script, no third-party origin, no plugin, no framing).
 */
export const WEB_APP_DOCUMENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join(';');

/**
 * Serves the built browser app when `WEB_APP_DIR` is set: `GET /` answers
 * `index.html`, `GET /assets/*` its hashed files, all from memory, compressed ahead
 * of time as `Accept-Encoding` allows, with an ETag per encoding (304 on a match).
 * An unknown asset is a 404 problem like any unknown path.
 *
 * Registered on Fastify beneath the Nest pipeline and marked as infrastructure, like
 * `/health`: the files are public and cost a map lookup, so no authentication, rate
 * limit, admission slot or response cache is spent on them, and the API's routes
 * are untouched (the app's paths are `/` and `/assets/`; its own pages live in the
 * URL's fragment).
 */
@Injectable()
export class WebAppRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: WebBffConfig,
  ) {}

  onModuleInit(): void {
    const dir = this.config.get('WEB_APP_DIR');
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (dir === undefined || typeof fastify?.route !== 'function') return;
    const { index, assets } = loadWebAppFiles(dir);
    fastify.route({
      method: 'GET',
      url: '/',
      config: INFRASTRUCTURE_ROUTE,
      // Compressed at start-up: the platform's per-response compression has nothing to do here.
      compress: false,
      // A route's onSend hooks run after the app's, so this replaces the API's CSP for the document only.
      onSend: (_request, reply, payload, done) => {
        void reply.header('content-security-policy', WEB_APP_DOCUMENT_CSP);
        done(null, payload);
      },
      handler: (request, reply) => send(request, reply, index, DOCUMENT_CACHE_CONTROL),
    });
    fastify.route({
      method: 'GET',
      url: '/assets/*',
      config: INFRASTRUCTURE_ROUTE,
      compress: false,
      handler: (request, reply) => {
        const file = assets.get((request.params as { '*': string })['*']);
        if (file === undefined) return notFound(request, reply);
        return send(request, reply, file, ASSET_CACHE_CONTROL);
      },
    });
  }
}

function send(request: FastifyRequest, reply: FastifyReply, file: WebAppFile, cacheControl: string): FastifyReply {
  const available = Object.keys(file.encoded) as ContentEncoding[];
  const encoding = acceptedEncoding(request.headers['accept-encoding'], available);
  const variant = encoding === undefined ? file.identity : (file.encoded[encoding] ?? file.identity);
  void reply.header('etag', variant.etag).header('cache-control', cacheControl);
  // A cache in between must keep one copy per encoding.
  if (available.length > 0) void reply.header('vary', 'accept-encoding');
  if (etagMatches(request.headers['if-none-match'], variant.etag)) return reply.status(304).send();
  if (encoding !== undefined) void reply.header('content-encoding', encoding);
  return reply.header('content-type', file.contentType).send(variant.body);
}

function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url;
  const problem = toProblem(new BffError('NOT_FOUND', 'No such file of the web app.'), path);
  return reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
