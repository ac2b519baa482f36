#!/usr/bin/env node
/**
 * The benchmark's downstream: one plain `node:http` server answering every route the
 * gateways call (product, reviews, inventory, user) with fixed bodies in the demo
 * services' shapes, so the downstream never limits a measurement. `--delay <ms>`
 * answers after a fixed delay, for the low-load row where a composition should cost
 * its slowest part and no more.
 *
 *   node tools/bench/peers/fake-downstream.mjs --port 0 --delay 20
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    delay: { type: 'string', default: '0' },
  },
});
const delayMs = Number(values.delay);

function body(name) {
  return readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url));
}

/** First path segment → the body a demo service returns there. */
const BODIES = {
  products: body('product'),
  reviews: body('reviews'),
  inventory: body('inventory'),
  users: body('user'),
};

const server = createServer((request, response) => {
  const segment = request.url.split(/[/?]/, 2)[1];
  const payload = BODIES[segment];
  const answer = () => {
    if (payload === undefined) {
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length });
    response.end(payload);
  };
  if (delayMs > 0) setTimeout(answer, delayMs);
  else answer();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), values.host, () => {
  const { port } = server.address();
  console.log(`fake-downstream listening on http://${values.host}:${port}`);
});
