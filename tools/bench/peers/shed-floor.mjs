#!/usr/bin/env node
/**
 * The floor of the shed path: bare Fastify 5 whose only work is turning requests away,
 * every `GET /product-details/1` answered with the BFFs' `503 OVERLOADED` (same status,
 * headers and problem body, serialized once). Driven by the same clients as the BFFs
 * past capacity, it shows how fast any Node server can answer a 503 at that load, so a
 * BFF's shed latency is read against it.
 *
 *   GET /product-details/1  503, Retry-After: 1, application/problem+json
 *   GET /health             200
 *
 *   PORT=8080 node tools/bench/peers/shed-floor.mjs
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const body = JSON.stringify({
  type: 'urn:bff:problem:overloaded',
  title: 'Overloaded',
  status: 503,
  detail: 'The gateway is at capacity; retry after the time given in Retry-After.',
  code: 'OVERLOADED',
  reason: 'concurrency-limit',
});

const app = Fastify({ logger: false });
app.get('/product-details/1', (_request, reply) => {
  reply
    .code(503)
    .header('content-type', 'application/problem+json')
    .header('retry-after', '1')
    .header('cache-control', 'no-store')
    .send(body);
});
app.get('/health', () => ({ status: 'ok', service: 'shed-floor' }));

const address = await app.listen({ port, host });
console.log(`shed-floor listening on ${address}`);
