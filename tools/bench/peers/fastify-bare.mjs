#!/usr/bin/env node
/**
 * The floor for routes a BFF answers without a downstream: bare Fastify 5 routes.
 *
 *   GET /product-details/1  replays a captured web-bff product page (the bytes a cache
 *                           hit sends), as pre-serialized JSON
 *   GET /health             a hello shaped like the BFFs' health report
 *
 *   PORT=8080 node tools/bench/peers/fastify-bare.mjs --page /tmp/page.json
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { page: { type: 'string' } } });
const page = readFileSync(values.page, 'utf8');
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const app = Fastify({ logger: false });
app.get('/product-details/1', (_request, reply) => {
  reply.type('application/json; charset=utf-8').send(page);
});
app.get('/health', () => ({
  status: 'ok',
  service: 'fastify-bare',
  uptimeSeconds: Math.round(process.uptime()),
}));

const address = await app.listen({ port, host });
console.log(`fastify-bare listening on ${address}`);
