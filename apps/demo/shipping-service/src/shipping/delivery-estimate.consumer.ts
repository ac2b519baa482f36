import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { AmqpFaultInjection, type AmqpRpcMethod } from '@bff/demo-kit';
import { type DeliveryEstimateReply, amqpTopology } from '@bff/downstream-contracts';
import { AmqpConnections, closeAmqpChannel } from '@bff/platform';
import { ShippingServiceConfig } from '../app/shipping-service.config';
import { deliveryEstimateMethod } from './delivery-estimate.method';
import { ShippingService } from './shipping.service';

/**
 * Requests handed to the service before it has answered any: enough to keep a fast
 * consumer busy (a reply takes well under a millisecond), few enough that a burst
 * waits in RabbitMQ, where `expiration` drops what the gateways stopped waiting for,
 * rather than in this process, where it would be answered for nobody.
 */
const PREFETCH = 64;

/** Once the broker is up, how long start-up waits for the queue to be declared and consumed. */
const SETUP_WAIT_MS = 5_000;

/** How long replies still being made (injected latency) may take at shutdown before the channel closes. */
const SHUTDOWN_GRACE_MS = 2_000;

const JSON_CONTENT_TYPE = 'application/json';

/**
 * Answers delivery-estimate requests on `amqpTopology(AMQP_QUEUE_PREFIX).deliveryEstimates`:
 * each reply goes to the request's `replyTo` (the gateways use RabbitMQ's direct
 * reply-to) with its `correlationId`, through the demo's fault knobs.
 *
 * - The queue is declared here, non-durable and auto-delete: it exists while the
 *   service consumes it, so a gateway publishing with `mandatory` to a stopped service
 *   gets its request back at once instead of waiting out its timeout.
 * - A request is acked once its reply is published (or the fault that withholds it
 *   is over), with at most {@link PREFETCH} unacked: that bounds the work in the
 *   process, and a request whose replica dies unanswered goes to another replica. An
 *   injected latency therefore holds its slot, as a slow worker pool would.
 * - A message without `replyTo` or `correlationId` cannot be answered: it is acked
 *   away and logged at debug level.
 *
 * Start-up consumes before the HTTP server's ready line (`shipping-service AMQP
 * consuming <queue>` comes first), so a supervisor that waits for that line finds
 * estimates answered. With the broker down the service starts anyway, and consumes
 * once amqp-connection-manager has reconnected. Shutdown cancels the consumer (the
 * queue goes with it), lets replies in progress finish, then closes the channel.
 *
 * @example
 * @Module({ imports: [AmqpModule, DemoFaultsModule], providers: [ShippingService, DeliveryEstimateConsumer] })
 * export class ShippingModule {}
 */
@Injectable()
export class DeliveryEstimateConsumer
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('shipping-service');
  private readonly url: string;
  private readonly queue: string;
  private readonly method: AmqpRpcMethod<DeliveryEstimateReply>;
  private wrapper: ChannelWrapper | undefined;
  private consumer: { channel: Channel; consumerTag: string } | undefined;
  private setupError: unknown;
  private stopping = false;
  private pending = 0;
  private onIdle: (() => void) | undefined;

  constructor(
    config: ShippingServiceConfig,
    private readonly connections: AmqpConnections,
    private readonly faults: AmqpFaultInjection,
    shipping: ShippingService,
  ) {
    this.url = config.get('AMQP_URL');
    this.queue = amqpTopology(config.get('AMQP_QUEUE_PREFIX')).deliveryEstimates;
    this.method = deliveryEstimateMethod(shipping);
    // Opened now, so the platform's start-up wait for the broker covers it.
    connections.connection(this.url);
  }

  async onApplicationBootstrap(): Promise<void> {
    const wrapper = this.connections.connection(this.url).createChannel({
      name: this.queue,
      confirm: false,
      setup: (channel: Channel) => this.consume(channel),
    });
    wrapper.on('error', (error: unknown) => {
      this.setupError = error;
      this.logger.error(`Cannot consume ${this.queue}: ${messageOf(error)}`);
    });
    this.wrapper = wrapper;
    if (this.connections.state(this.url) !== 'up') {
      this.logger.warn(`RabbitMQ unavailable: ${this.queue} will be consumed once it is up`);
      return;
    }
    await settlesWithin(wrapper.waitForConnect(), SETUP_WAIT_MS);
    // The broker is there but refused the queue (another declaration of it, say):
    // serving without the one thing this service does would only hide that.
    if (this.consumer === undefined && this.setupError !== undefined) {
      throw new Error(`shipping-service cannot consume ${this.queue}: ${messageOf(this.setupError)}`);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const consumer = this.consumer;
    this.consumer = undefined;
    // The last consumer leaving deletes the queue: later requests bounce back to their publishers.
    await consumer?.channel.cancel(consumer.consumerTag).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.pending > 0) {
      await settlesWithin(new Promise<void>((resolve) => (this.onIdle = resolve)), SHUTDOWN_GRACE_MS);
    }
    if (this.wrapper) await closeAmqpChannel(this.wrapper);
  }

  /** The channel setup, run on every (re)connection. */
  private async consume(channel: Channel): Promise<void> {
    if (this.stopping) return;
    await channel.assertQueue(this.queue, { durable: false, autoDelete: true });
    await channel.prefetch(PREFETCH);
    const { consumerTag } = await channel.consume(this.queue, (message) => {
      if (message) this.onRequest(channel, message);
      else this.onCancelled(channel);
    });
    this.consumer = { channel, consumerTag };
    this.setupError = undefined;
    this.logger.log(`shipping-service AMQP consuming ${this.queue}`);
  }

  private onRequest(channel: Channel, message: ConsumeMessage): void {
    const { replyTo, correlationId } = message.properties as { replyTo?: unknown; correlationId?: unknown };
    if (
      typeof replyTo !== 'string' ||
      replyTo === '' ||
      typeof correlationId !== 'string' ||
      correlationId === ''
    ) {
      this.logger.debug(`Dropped a message on ${this.queue} without replyTo or correlationId`);
      settle(channel, message);
      return;
    }
    void this.reply(channel, message, replyTo, correlationId);
  }

  private async reply(
    channel: Channel,
    message: ConsumeMessage,
    replyTo: string,
    correlationId: string,
  ): Promise<void> {
    this.pending += 1;
    try {
      const body = await this.faults.answer(this.method, message);
      if (body !== undefined)
        channel.publish('', replyTo, body, { correlationId, contentType: JSON_CONTENT_TYPE });
      settle(channel, message);
    } catch (error) {
      // Only a channel that closed under the request gets here; the broker requeues it.
      this.logger.debug(`No reply to ${correlationId}: ${messageOf(error)}`);
    } finally {
      this.pending -= 1;
      if (this.pending === 0) this.onIdle?.();
    }
  }

  /** RabbitMQ cancelled the consumer: the queue was deleted under it. Declared again, it is consumed again. */
  private onCancelled(channel: Channel): void {
    if (this.stopping || this.consumer?.channel !== channel) return;
    this.consumer = undefined;
    this.logger.warn(`${this.queue} was deleted; declaring it again`);
    this.consume(channel).catch((error: unknown) =>
      this.logger.error(`Cannot consume ${this.queue}: ${messageOf(error)}`),
    );
  }
}

/** Acks `message` on the channel it came on; a channel already closed has handed it back to the broker. */
function settle(channel: Channel, message: ConsumeMessage): void {
  try {
    channel.ack(message);
  } catch {
    // Closed channel: nothing to ack on, and nothing lost.
  }
}

/** Whether `promise` settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Channel errors name the AMQP reply (`406 (PRECONDITION-FAILED) ...`), never the broker URL. */
function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
