#!/usr/bin/env node
/**
 * An OTLP/HTTP receiver that keeps nothing: every `POST /v1/traces` (any encoding) is
 * read to its end and answered `200 {}`, so a BFF exporting traces to it pays for
 * recording, batching, encoding and sending its spans, and for nothing a collector
 * would add.
 *
 *   POST /v1/traces   200 {}
 *   GET  /health      200
 *
 *   PORT=4318 node tools/bench/peers/otlp-sink.mjs
 */
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
let spansBatches = 0;

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  request.resume();
  request.on('end', () => {
    if (request.url === '/v1/traces') spansBatches++;
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
server.keepAliveTimeout = 75_000;
server.listen(port, host, () => {
  const address = server.address();
  console.log(`otlp sink listening on http://${host}:${address.port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`otlp sink received ${spansBatches} trace export(s)`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
