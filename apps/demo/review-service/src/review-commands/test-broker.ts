import { type AmqpTopology, amqpTopology } from '@bff/downstream-contracts';
import { type Channel, type ChannelModel, type ConsumeMessage, connect } from 'amqplib';
import { randomBytes } from 'node:crypto';

/** The machine's broker, as the service's default `AMQP_URL` names it. */
const TEST_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

/** One event the test's queue received. */
export interface ReceivedEvent {
  routingKey: string;
  body: Record<string, unknown>;
}

/**
 * A spec's own corner of the machine's RabbitMQ: a random `test.<id>.` prefix (set as
 * `AMQP_QUEUE_PREFIX` for the app the spec starts), a plain amqplib connection to
 * publish commands and watch events, and {@link close}, which deletes every queue and
 * exchange under the prefix, so runs leave nothing behind and never meet each other.
 *
 * @example
 * const broker = await TestBroker.open();
 * process.env['AMQP_QUEUE_PREFIX'] = broker.prefix;
 * await broker.watchEvents(); // after the app has declared its exchange
 * broker.send(command, command.operationId);
 * await broker.close();
 */
export class TestBroker {
  readonly events: ReceivedEvent[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly prefix: string,
    readonly topology: AmqpTopology,
    private readonly connection: ChannelModel,
    private readonly channel: Channel,
  ) {}

  static async open(): Promise<TestBroker> {
    const prefix = `test.${randomBytes(6).toString('hex')}.`;
    const connection = await connect(TEST_AMQP_URL);
    const channel = await connection.createChannel();
    return new TestBroker(prefix, amqpTopology(prefix), connection, channel);
  }

  /** Binds an exclusive queue to every review event; call it once the service has declared the exchange. */
  async watchEvents(): Promise<void> {
    const { queue } = await this.channel.assertQueue('', { exclusive: true });
    await this.channel.bindQueue(queue, this.topology.reviewEvents, 'review.#');
    await this.channel.consume(queue, (message) => message && this.receive(message), { noAck: true });
  }

  /** Publishes a command body as a gateway does: persistent, to the commands queue, with its message id. */
  send(body: unknown, messageId: string): void {
    const content = typeof body === 'string' ? Buffer.from(body) : Buffer.from(JSON.stringify(body));
    this.channel.sendToQueue(this.topology.reviewCommands, content, {
      persistent: true,
      mandatory: true,
      messageId,
      contentType: 'application/json',
    });
  }

  /** Resolves once `count` events have arrived, or rejects after `timeoutMs`. */
  async eventsReceived(count: number, timeoutMs = 3_000): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.events.length} of ${count} events arrived in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
    return this.events.slice(0, count);
  }

  /** How many messages wait in `queue` (ready ones, not those held by a consumer). */
  async messagesIn(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).messageCount;
  }

  async close(): Promise<void> {
    const { reviewCommands, reviewCommandsDead, reviewDeadLetters, reviewEvents } = this.topology;
    await this.channel.deleteQueue(reviewCommands);
    await this.channel.deleteQueue(reviewCommandsDead);
    await this.channel.deleteExchange(reviewDeadLetters);
    await this.channel.deleteExchange(reviewEvents);
    await this.connection.close();
  }

  private receive(message: ConsumeMessage): void {
    this.events.push({ routingKey: message.fields.routingKey, body: JSON.parse(message.content.toString()) });
    for (const wake of [...this.waiters]) wake();
    this.waiters.clear();
  }
}
