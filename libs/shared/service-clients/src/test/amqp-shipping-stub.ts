import type { DeliveryEstimate } from '@bff/downstream-contracts';
import amqplib, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { randomBytes } from 'node:crypto';

/** The machine's broker, as the gateways default to it. */
export const TEST_AMQP_URL = process.env['AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';

/** What the stub does with one request: a reply body (an object is sent as JSON), or nothing. */
export type ShippingStubBehaviour = (
  request: ConsumeMessage,
) => { body?: unknown; delayMs?: number } | 'no-reply';

/** One request the stub received. */
export interface ShippingStubCall {
  body: string;
  headers: Record<string, unknown>;
  expiration: string | undefined;
  replyTo: string | undefined;
}

/**
 * A stand-in shipping service on the machine's RabbitMQ, on a queue of the test's
 * own (an auto-delete queue under a random prefix, gone with the stub), answering as
 * each test tells it: the counterpart of `GrpcInventoryStub` for AMQP request/reply.
 *
 * @example
 * const stub = await AmqpShippingStub.start();
 * stub.reset(() => ({ body: { ok: true, estimate } }));
 */
export class AmqpShippingStub {
  readonly calls: ShippingStubCall[] = [];
  private behaviour: ShippingStubBehaviour = () => 'no-reply';

  private constructor(
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
    readonly queue: string,
  ) {}

  static async start(): Promise<AmqpShippingStub> {
    const connection = await amqplib.connect(TEST_AMQP_URL, { noDelay: true });
    const channel = await connection.createChannel();
    const queue = `test.${randomBytes(4).toString('hex')}.shipping.v1.estimate`;
    await channel.assertQueue(queue, { durable: false, autoDelete: true });
    const stub = new AmqpShippingStub(connection, channel, queue);
    await channel.consume(queue, (message) => message && stub.answer(message), { noAck: true });
    return stub;
  }

  reset(behaviour: ShippingStubBehaviour): void {
    this.behaviour = behaviour;
    this.calls.length = 0;
  }

  async stop(): Promise<void> {
    await this.channel.deleteQueue(this.queue).catch(() => undefined);
    await this.connection.close();
  }

  private answer(message: ConsumeMessage): void {
    const { replyTo, correlationId, headers, expiration } = message.properties;
    this.calls.push({ body: message.content.toString('utf8'), headers: headers ?? {}, expiration, replyTo });
    const outcome = this.behaviour(message);
    if (outcome === 'no-reply') return;
    const content = typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body);
    const send = () => this.channel.sendToQueue(replyTo, Buffer.from(content), { correlationId });
    if (outcome.delayMs) setTimeout(send, outcome.delayMs);
    else send();
  }
}

/** A well-formed estimate of `productId`. */
export function estimateOf(productId: string): DeliveryEstimate {
  return {
    productId,
    options: [
      { id: 'standard', name: 'Standard', estimatedDays: 4, cost: { amountMinor: 495, currency: 'EUR' } },
      { id: 'express', name: 'Express', estimatedDays: 1, cost: { amountMinor: 1_495, currency: 'EUR' } },
    ],
  };
}
