import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AmqpDeliveryFaults } from '@bff/demo-kit';
import { AmqpConnections, closeAmqpChannel } from '@bff/platform';
import { type AmqpTopology, REVIEW_EVENTS, amqpTopology } from '@bff/downstream-contracts';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { IncomingHttpHeaders } from 'node:http';
import { ReviewServiceConfig } from '../app/review-service.config';
import { ReviewCommandHandler } from './review-command.handler';
import { failedEventOf, parseReviewCommand } from './review-command.parse';
import { declareReviewCommandTopology } from './review-command.topology';

/** Commands processed at once: they are quick, and a few more than one hide the event confirms' round trips. */
const PREFETCH = 16;

/** How long start-up waits to be consuming before the service serves HTTP without it. */
const START_WAIT_MS = 3_000;

/** An event not confirmed in this time fails its command's delivery, which is then retried. */
const PUBLISH_TIMEOUT_MS = 5_000;

/** How a delivery ends: done, back to the queue (a counted delivery), or straight to the dead-letter queue. */
type Settlement = 'ack' | 'retry' | 'dead-letter';

/**
 * Consumes `review.submit` commands and their dead letters on one confirm channel
 * that amqp-connection-manager reopens after every reconnection, re-running the setup:
 * the topology, the prefetch, both consumers.
 *
 * A command is acknowledged only once its `review.published` event is confirmed, so a
 * crash in between means a redelivery, which stores nothing new and publishes the
 * event again. A command that can never succeed (not a command, or an unknown product)
 * is dead-lettered at once; any other failure sends it back to the queue, which
 * dead-letters it after its delivery limit. Every dead letter becomes `review.failed`.
 *
 * Deliveries are settled on the channel they came on: after a reconnection their
 * delivery tags mean nothing, and the broker has already requeued them.
 *
 * @example
 * @Module({ imports: [AmqpModule, DemoFaultsModule, ReviewsModule], providers: [ReviewCommandConsumer, ...] })
 * export class ReviewCommandsModule {}
 */
@Injectable()
export class ReviewCommandConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('review-service');
  private readonly topology: AmqpTopology;
  /** The fault knobs' path: the queue's name without the deployment's prefix. */
  private readonly faultPath = `/${amqpTopology('').reviewCommands}`;
  private channel?: ChannelWrapper;

  constructor(
    private readonly config: ReviewServiceConfig,
    private readonly connections: AmqpConnections,
    private readonly handler: ReviewCommandHandler,
    private readonly faults: AmqpDeliveryFaults,
  ) {
    this.topology = amqpTopology(config.get('AMQP_QUEUE_PREFIX'));
  }

  /** Starts consuming before the HTTP server listens, so a service that logs its URL already takes commands. */
  async onApplicationBootstrap(): Promise<void> {
    let consuming!: () => void;
    const firstSetup = new Promise<void>((resolve) => (consuming = resolve));
    this.channel = this.connections.connection(this.config.get('AMQP_URL')).createChannel({
      name: 'review-commands',
      confirm: true,
      setup: async (channel: ConfirmChannel) => {
        await declareReviewCommandTopology(channel, this.topology);
        await channel.prefetch(PREFETCH);
        await this.consume(channel, this.topology.reviewCommandsDead, (message) =>
          this.onDeadLetter(channel, message),
        );
        await this.consume(channel, this.topology.reviewCommands, (message) =>
          this.onCommand(channel, message),
        );
        this.logger.log(`review-service AMQP consuming ${this.topology.reviewCommands}`);
        consuming();
      },
    });
    // Setup failures land here, e.g. a commands queue declared earlier with other arguments.
    this.channel.on('error', (error: Error) => this.logger.error(`AMQP channel failed: ${error.message}`));
    let timer: NodeJS.Timeout | undefined;
    const started = await Promise.race([
      firstSetup.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), START_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (!started) this.logger.warn(`Not consuming ${this.topology.reviewCommands} yet: waiting for RabbitMQ`);
  }

  /** Stops consuming before the connection closes; unacknowledged commands go back to the queue. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.channel) await closeAmqpChannel(this.channel);
  }

  private async consume(
    channel: ConfirmChannel,
    queue: string,
    onMessage: (message: ConsumeMessage) => Promise<void>,
  ): Promise<void> {
    await channel.consume(queue, (message) => {
      if (message !== null) return void onMessage(message);
      // The broker cancels a consumer whose queue was deleted: declare it again and go on.
      this.logger.warn(`RabbitMQ cancelled the consumer of ${queue}; declaring it again`);
      declareReviewCommandTopology(channel, this.topology)
        .then(() => this.consume(channel, queue, onMessage))
        .catch((error: Error) => this.logger.error(`Could not consume ${queue} again: ${error.message}`));
    });
  }

  private async onCommand(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    let settlement: Settlement;
    try {
      settlement = await this.process(message);
    } catch (error) {
      this.logger.warn(
        `review.submit ${message.properties.messageId ?? '(no id)'} failed; it goes back to the queue: ${describe(error)}`,
      );
      settlement = 'retry';
    }
    settle(channel, message, settlement);
  }

  private async process(message: ConsumeMessage): Promise<Settlement> {
    const fault = await this.faults.deliver(this.faultPath, deliveryHeaders(message));
    if (fault === 'hold') {
      // Closing the channel at shutdown hands the command back to the broker.
      await this.faults.held();
      return 'retry';
    }
    if (fault === 'fail') throw new Error('Fault injected on purpose.');
    if (fault === 'reject') return 'dead-letter';

    const command = parseReviewCommand(message.content);
    if (command === undefined) {
      this.logger.warn(
        `review.submit ${message.properties.messageId ?? '(no id)'} is not a valid command; dead-lettering it`,
      );
      return 'dead-letter';
    }
    const outcome = this.handler.handle(command);
    if (outcome.kind === 'rejected') {
      this.logger.warn(
        `review.submit ${command.operationId} can never succeed (${outcome.reason}); dead-lettering it`,
      );
      return 'dead-letter';
    }
    await this.publish(REVIEW_EVENTS.published, outcome.event);
    return 'ack';
  }

  private async onDeadLetter(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const event = failedEventOf(message.content);
    if (event === undefined) {
      this.logger.warn(
        `Dropped a dead-lettered review.submit that names no operation (message id ${message.properties.messageId ?? 'none'})`,
      );
      return settle(channel, message, 'ack');
    }
    try {
      await this.publish(REVIEW_EVENTS.failed, event);
      settle(channel, message, 'ack');
    } catch (error) {
      this.logger.warn(`review.failed for ${event.operationId} not published; retrying: ${describe(error)}`);
      settle(channel, message, 'retry');
    }
  }

  /** Publishes an event on the review events exchange and resolves once the broker has confirmed it. */
  private async publish(routingKey: string, event: { operationId: string }): Promise<void> {
    if (this.channel === undefined) throw new Error('The review events channel is not open.');
    await this.channel.publish(this.topology.reviewEvents, routingKey, Buffer.from(JSON.stringify(event)), {
      persistent: true,
      contentType: 'application/json',
      messageId: event.operationId,
      timeout: PUBLISH_TIMEOUT_MS,
    });
  }
}

function settle(channel: ConfirmChannel, message: ConsumeMessage, settlement: Settlement): void {
  try {
    if (settlement === 'ack') channel.ack(message);
    else channel.nack(message, false, settlement === 'retry');
  } catch {
    // The channel is gone, and with it the delivery: the broker has requeued the message.
  }
}

/** What the request log shows of a delivery: which command, and how often it came before. */
function deliveryHeaders(message: ConsumeMessage): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  const { messageId } = message.properties;
  const count: unknown = message.properties.headers?.['x-delivery-count'];
  if (typeof messageId === 'string') headers['message-id'] = messageId;
  headers['x-delivery-count'] = String(typeof count === 'number' ? count : 0);
  return headers;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
