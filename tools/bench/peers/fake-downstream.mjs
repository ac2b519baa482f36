#!/usr/bin/env node
/**
 * The benchmark's downstream: one plain `node:http` server answering every route the
 * gateways call (product, reviews, inventory, user) with fixed bodies in the demo
 * services' shapes, so the downstream never limits a measurement, and, with
 * `--grpc-port`, the inventory service's gRPC method (`inventory.v1.InventoryService/
 * GetStock`), which the BFFs call instead of its HTTP route, and, with
 * `--amqp-prefix`, the shipping service's delivery estimates over RabbitMQ
 * (`AMQP_URL`, request/reply on `<prefix>shipping.v1.estimate`, replies by direct
 * reply-to), so a product page composes four parts over three protocols. `--delay
 * <ms>` answers after a fixed delay, for the low-load row where a composition should
 * cost its slowest part and no more.
 *
 *   node tools/bench/peers/fake-downstream.mjs --port 0 --grpc-port 5003 --amqp-prefix bench.1. --delay 20
 */
import { Server, ServerCredentials, loadPackageDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'grpc-port': { type: 'string' },
    'amqp-prefix': { type: 'string' },
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

if (values['grpc-port'] !== undefined) {
  const proto = fileURLToPath(
    new URL('../../../libs/shared/downstream-contracts/proto/inventory/v1/inventory.proto', import.meta.url),
  );
  // The options the gateways load the proto with (GRPC_LOADER_OPTIONS).
  const { inventory } = loadPackageDefinition(
    loadSync(proto, { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true }),
  );
  const stock = JSON.parse(BODIES.inventory.toString('utf8'));
  const grpcServer = new Server();
  grpcServer.addService(inventory.v1.InventoryService.service, {
    GetStock(call, callback) {
      const answer = () => callback(null, { ...stock, productId: call.request.productId });
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    },
  });
  grpcServer.bindAsync(`${values.host}:${values['grpc-port']}`, ServerCredentials.createInsecure(), (error, port) => {
    if (error) throw error;
    console.log(`fake-downstream gRPC listening on ${values.host}:${port}`);
  });
}
if (values['amqp-prefix'] !== undefined) {
  const amqplib = await import('amqplib');
  const estimate = JSON.parse(body('delivery').toString('utf8'));
  // Nagle off, as the gateways and the demo services have it: small replies go out at once.
  const connection = await amqplib.connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672', {
    noDelay: true,
  });
  const channel = await connection.createChannel();
  const queue = `${values['amqp-prefix']}shipping.v1.estimate`;
  await channel.assertQueue(queue, { durable: false, autoDelete: true });
  await channel.consume(
    queue,
    (message) => {
      const { productId } = JSON.parse(message.content.toString('utf8'));
      const reply = Buffer.from(JSON.stringify({ ok: true, estimate: { ...estimate, productId } }));
      const answer = () =>
        channel.sendToQueue(message.properties.replyTo, reply, {
          correlationId: message.properties.correlationId,
          contentType: 'application/json',
        });
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    },
    { noAck: true },
  );
  console.log(`fake-downstream AMQP consuming ${queue}`);
}
server.listen(Number(values.port), values.host, () => {
  const { port } = server.address();
  console.log(`fake-downstream listening on http://${values.host}:${port}`);
});
