#!/usr/bin/env node
/**
 * CPU per AMQP request/reply call, by client library, against the machine's RabbitMQ
 * (AMQP_URL, default amqp://guest:guest@127.0.0.1:5672): the measurement behind the
 * choice of the gateways' AMQP client. Every client publishes a small JSON request to
 * one queue with RabbitMQ's direct reply-to (`amq.rabbitmq.reply-to`) and a
 * correlation id, and waits for the reply:
 *
 * - rabbitmq-client's RPC client (reconnects by itself, publisher confirms, direct
 *   reply-to built in);
 * - amqplib with the reply consumer and correlation map written out by hand (no
 *   reconnection of its own);
 * - amqp-connection-manager's channel wrapper over amqplib (reconnects, confirms).
 *
 * The replying server runs in a child process (rabbitmq-client, with Nagle's algorithm
 * off: with it on, rabbitmq-client's default, each small reply waited for the client's
 * delayed ACK and every round trip took 22 ms), so the figures are the client's CPU only
 * (process.cpuUsage). The queue is the run's own (`bench.rpc.<pid>`),
 * exclusive to the server and gone with it. Each figure is the median of the rounds.
 *
 *   node tools/bench/amqp-rpc.bench.mjs [--calls 3000] [--rounds 3] [--concurrency 10]
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { requireProjectNode } from '../scripts/lib/require-node.mjs';
import { measureVariants } from './lib/per-call.mjs';

requireProjectNode();

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { Connection } = require('rabbitmq-client');
const amqplib = require('amqplib');
const amqpConnectionManager = require('amqp-connection-manager');

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '10' },
  },
});
const calls = Number(args.calls);
const rounds = Number(args.rounds);
const concurrency = Number(args.concurrency);
const url = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const queue = `bench.rpc.${process.pid}`;
const REPLY_TO = 'amq.rabbitmq.reply-to';
const REQUEST = { productId: '42', country: 'NL' };

/** The replying service, in its own process: answers every request with a small estimate. */
function startServer() {
  const source = `
    const { Connection } = require(${JSON.stringify(require.resolve('rabbitmq-client'))});
    const rabbit = new Connection({ url: ${JSON.stringify(url)}, noDelay: true });
    const answer = { productId: '42', options: [{ id: 'standard', days: 4, cost: { amountMinor: 495, currency: 'EUR' } }, { id: 'express', days: 1, cost: { amountMinor: 1495, currency: 'EUR' } }] };
    const consumer = rabbit.createConsumer(
      { queue: ${JSON.stringify(queue)}, queueOptions: { exclusive: true, autoDelete: true }, qos: { prefetchCount: 100 } },
      async (request, reply) => { await reply(answer); },
    );
    consumer.on('ready', () => process.send('ready'));
    process.on('disconnect', async () => { await consumer.close(); await rabbit.close(); process.exit(0); });
  `;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the RPC server exited (${code})`)));
  });
}

/** A correlation map over one reply consumer: what amqplib leaves to its user. */
function correlated() {
  const pending = new Map();
  return {
    expect(id) {
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    onReply(message) {
      const waiter = message && pending.get(message.properties.correlationId);
      if (!waiter) return;
      pending.delete(message.properties.correlationId);
      waiter.resolve(JSON.parse(message.content.toString('utf8')));
    },
  };
}

async function clients() {
  const rabbit = new Connection(url);
  const rpc = rabbit.createRPCClient({ confirm: false, timeout: 5_000 });

  const plain = await amqplib.connect(url);
  const plainChannel = await plain.createChannel();
  const plainReplies = correlated();
  await plainChannel.consume(REPLY_TO, (message) => plainReplies.onReply(message), { noAck: true });

  const managed = amqpConnectionManager.connect([url]);
  const managedReplies = correlated();
  const managedChannel = managed.createChannel({
    confirm: false,
    setup: (channel) =>
      channel.consume(REPLY_TO, (message) => managedReplies.onReply(message), { noAck: true }),
  });
  await managedChannel.waitForConnect();

  return {
    list: [
      ['rabbitmq-client RPCClient.send', async () => (await rpc.send(queue, REQUEST)).body],
      [
        'amqplib, direct reply-to by hand',
        () => {
          const correlationId = randomUUID();
          const reply = plainReplies.expect(correlationId);
          plainChannel.sendToQueue(queue, Buffer.from(JSON.stringify(REQUEST)), {
            replyTo: REPLY_TO,
            correlationId,
            contentType: 'application/json',
          });
          return reply;
        },
      ],
      [
        'amqp-connection-manager (amqplib), direct reply-to by hand',
        async () => {
          const correlationId = randomUUID();
          const reply = managedReplies.expect(correlationId);
          await managedChannel.sendToQueue(queue, Buffer.from(JSON.stringify(REQUEST)), {
            replyTo: REPLY_TO,
            correlationId,
            contentType: 'application/json',
          });
          return reply;
        },
      ],
    ],
    close: async () => {
      await rpc.close();
      await rabbit.close();
      await plain.close();
      await managedChannel.close();
      await managed.close();
    },
  };
}

const server = await startServer();
try {
  const { list, close } = await clients();
  const measured = await measureVariants(list, {
    calls,
    rounds,
    warmup: 1_000,
    concurrency,
    isExpected: (body) => body?.productId === '42',
  });
  await close();
  console.log(
    `node ${process.version}, ${calls} calls x ${rounds} rounds (median), concurrency ${concurrency}`,
  );
  console.table(measured.map(({ name, ...figures }) => ({ client: name, ...figures })));
} finally {
  server.disconnect();
}
