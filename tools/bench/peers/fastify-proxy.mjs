#!/usr/bin/env node
/**
 * The proxy peer: Fastify 5 with `@fastify/http-proxy` (undici, pooled keep-alive
 * connections), forwarding `/users/*` to the user service as it is.
 *
 *   PORT=8080 USER_SERVICE_URL=http://127.0.0.1:4004 node tools/bench/peers/fastify-proxy.mjs
 */
import proxy from '@fastify/http-proxy';
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';

const app = Fastify({ logger: false });
await app.register(proxy, {
  upstream: process.env.USER_SERVICE_URL,
  prefix: '/users',
  rewritePrefix: '/users',
});

const address = await app.listen({ port, host });
console.log(`fastify-proxy listening on ${address}`);
