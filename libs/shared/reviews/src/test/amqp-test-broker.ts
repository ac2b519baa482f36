import { AmqpConnections } from '@bff/platform';
import amqplib from 'amqplib';
import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { ReviewsOptions } from '../lib/reviews.options';
import { eventuallyPasses } from '@bff/testing';

/** The machine's broker, as the gateways default to it. */
export const TEST_AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

/** Options with a queue prefix of the test's own, so runs sharing the broker stay apart. */
export function testOptions(overrides: Partial<ReviewsOptions> = {}): ReviewsOptions {
  return {
    amqpUrl: TEST_AMQP_URL,
    queuePrefix: `test-${randomBytes(4).toString('hex')}.`,
    confirmTimeoutMs: 2_000,
    operationTtlSeconds: 3_600,
    ...overrides,
  };
}

/** A plain amqplib connection for the test's own side: declaring queues, reading and publishing messages. */
export async function testChannel(): Promise<{ channel: amqplib.Channel; close: () => Promise<void> }> {
  const connection = await amqplib.connect(TEST_AMQP_URL);
  const channel = await connection.createChannel();
  return { channel, close: () => connection.close() };
}


/** Waits for `ready` to be true (a channel set up on a fresh connection). */
export async function until(ready: () => boolean, timeoutMs = 3_000): Promise<void> {
  await eventuallyPasses(() => {
    if (!ready()) throw new Error('not ready');
  }, timeoutMs);
}

/**
 * A proxy to the broker that can stop passing the broker's frames on while keeping
 * the connection open: a broker that has the message and never confirms it.
 */
export class StallingProxy {
  private readonly fromBroker = new Set<Socket>();
  private stalled = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: URL = new URL(TEST_AMQP_URL)): Promise<StallingProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('The proxy has no TCP address.');
    const proxy = new StallingProxy(server, address.port);
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  url(): string {
    const url = new URL(TEST_AMQP_URL);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  stall(): void {
    this.stalled = true;
    for (const socket of this.fromBroker) {
      socket.unpipe();
      socket.pause();
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.fromBroker) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: URL): void {
    const broker = createConnection({ host: target.hostname, port: Number(target.port || 5672) });
    this.fromBroker.add(broker);
    client.pipe(broker);
    broker.pipe(client);
    if (this.stalled) {
      broker.unpipe();
      broker.pause();
    }
    const end = () => {
      client.destroy();
      broker.destroy();
      this.fromBroker.delete(broker);
    };
    client.on('error', end).on('close', end);
    broker.on('error', end).on('close', end);
  }
}

/** A fresh `AmqpConnections`, as the module would provide it. */
export function testConnections(): AmqpConnections {
  return new AmqpConnections();
}
