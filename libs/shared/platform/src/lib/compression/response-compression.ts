import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, onSendHookHandler } from 'fastify';
import { constants } from 'node:zlib';

/**
 * Bodies below this are sent as they are: a page under 1 KiB gains a few hundred bytes
 * at most, less than a TCP segment, and pays a compressor's fixed cost on every answer.
 */
export const COMPRESSION_THRESHOLD_BYTES = 1_024;

/**
 * Brotli quality for bodies compressed on the fly, per response. On product pages of
 * 1 to 7 KB, brotli's cost is mostly fixed (about 27 µs for 1 KB, 75 µs for 7 KB, twice
 * gzip's), and quality 5 costs within 5% of quality 4 for 6-8% fewer bytes: at 4, brotli
 * saves only 3% over gzip for that doubled CPU, at 5 it saves 9%. Above 5 the output
 * stops shrinking and the cost climbs; zlib's default of 11 is for static files.
 * (`tools/bench/compression-cost.mjs` measures it.)
 */
export const BROTLI_QUALITY = 5;

/** gzip for clients without brotli; zlib's default level, its usual speed/size balance. */
export const GZIP_LEVEL = 6;

/**
 * JSON and its `+json` kinds, problem details included: what the gateways answer. (The
 * plugin also compresses any other type mime-db calls compressible, such as text.)
 */
const JSON_BODY = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * Options of `@fastify/compress` for the gateways: brotli, then gzip, as the client's
 * `Accept-Encoding` allows (brotli wins a tie); no `Accept-Encoding`, or only
 * `identity`, gets the body as it is. Request bodies are not inflated: every write
 * route takes a small JSON body, and a compressed one would let a few KiB on the wire
 * expand past the body limits after they were checked.
 */
export const RESPONSE_COMPRESSION_OPTIONS: FastifyCompressOptions = {
  global: true,
  encodings: ['br', 'gzip'],
  threshold: COMPRESSION_THRESHOLD_BYTES,
  customTypes: JSON_BODY,
  brotliOptions: {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  },
  zlibOptions: { level: GZIP_LEVEL },
  globalDecompression: false,
};

/**
 * The plugin says `Vary` only on the answers it compressed. A smaller body of the same
 * route, and a 304 (which must carry the `Vary` of its 200, RFC 9110 §15.4.5), would
 * then let a shared cache hand one client's encoding to another. Lower case, as the
 * plugin spells it, so the plugin sees it and does not add it twice.
 */
const varyByEncoding: onSendHookHandler = (_request, reply, payload, done) => {
  const type = reply.getHeader('content-type');
  if (reply.statusCode === 304 || (typeof type === 'string' && JSON_BODY.test(type))) addVary(reply);
  done(null, payload);
};

/**
 * Compresses JSON answers of 1 KiB and more with brotli or gzip, as each client's
 * `Accept-Encoding` negotiates, and marks every JSON answer, and every 304,
 * `Vary: accept-encoding`. Registered before the app's routes, since the plugin
 * attaches itself to each route as it is added.
 *
 * The compression runs per response, after every other `onSend` hook: a cached page
 * is stored once, as JSON, and a `304 Not Modified` (no body) is never compressed.
 *
 * @example
 * const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter());
 * await registerResponseCompression(app);
 */
export async function registerResponseCompression(app: NestFastifyApplication): Promise<void> {
  // Nest's adapter is typed by its own copy of Fastify's types, the plugin by the app's.
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  await fastify.register(fastifyCompress, RESPONSE_COMPRESSION_OPTIONS);
  fastify.addHook('onSend', varyByEncoding);
}

function addVary(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  if (current === undefined) {
    void reply.header('vary', 'accept-encoding');
    return;
  }
  const value = Array.isArray(current) ? current.join(', ') : String(current);
  if (!/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(value)) void reply.header('vary', `${value}, accept-encoding`);
}
