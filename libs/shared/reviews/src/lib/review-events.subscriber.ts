import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { CacheInvalidator, paramTag } from '@bff/caching';
import {
  REVIEW_EVENTS,
  REVIEW_EVENTS_EXCHANGE,
  amqpTopology,
  reviewFailedEventSchema,
  reviewPublishedEventSchema,
} from '@bff/downstream-contracts';
import { AmqpConnections, closeAmqpChannel } from '@bff/platform';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { Channel, ConsumeMessage } from 'amqplib';
import { OPERATION_STORE, type OperationStore } from './operation.store';
import { REVIEWS_OPTIONS, type ReviewsOptions } from './reviews.options';

/** Events handled at once per replica; the rest wait in the replica's queue. */
const PREFETCH = 32;

/** The tag product pages are cached under, spelled by the same function their routes use. */
const productTag = paramTag('product', 'productId');

/**
 * Follows the review service's events on every replica: each replica binds a queue
 * of its own (server-named, exclusive, deleted with its connection) to the events
 * exchange for `review.published` and `review.failed`, so every replica hears every
 * event. The exchange, queue, bindings and consumer are declared in the channel's
 * setup, which amqp-connection-manager runs again after a reconnect.
 *
 * - `review.published`: the operation reads `done` with the review's id, and the
 *   product's cached pages are dropped (on every replica sharing the cache). This is
 *   where a review becomes visible: the `POST` that submitted it changed nothing yet.
 * - `review.failed`: the operation reads `failed`.
 *
 * An event for an operation this gateway does not know (expired, or submitted
 * elsewhere) still drops the pages. An event that does not match its schema is
 * logged and dropped; so is one the store could not record: events are a broadcast
 * to every replica, and redelivering one to this replica alone would not help.
 *
 * @example
 * @Module({ imports: [AmqpModule], providers: [ReviewEventsSubscriber] })
 * class ReviewsModule {}
 */
@Injectable()
export class ReviewEventsSubscriber implements OnApplicationShutdown {
  private readonly logger = new Logger('ReviewEvents');
  private readonly wrapper: ChannelWrapper;

  constructor(
    connections: AmqpConnections,
    @Inject(REVIEWS_OPTIONS) options: ReviewsOptions,
    @Inject(OPERATION_STORE) private readonly operations: OperationStore,
    private readonly cache: CacheInvalidator,
  ) {
    const exchange = amqpTopology(options.queuePrefix).reviewEvents;
    this.wrapper = connections.connection(options.amqpUrl).createChannel({
      name: 'review-events',
      confirm: false,
      setup: (channel: Channel) => this.subscribe(channel, exchange),
    });
    this.wrapper.on('error', (error: Error) =>
      this.logger.warn(`Review events channel setup failed: ${error.name}`),
    );
  }

  /** Resolves once the queue is bound and consumed (again, after a reconnect). */
  subscribed(): Promise<void> {
    return this.wrapper.waitForConnect();
  }

  async onApplicationShutdown(): Promise<void> {
    await closeAmqpChannel(this.wrapper);
  }

  /** Handles one delivery; exposed for tests, which feed it messages without a broker. */
  async handle(message: Pick<ConsumeMessage, 'content' | 'fields'>): Promise<void> {
    const body = parseJson(message.content);
    try {
      switch (message.fields.routingKey) {
        case REVIEW_EVENTS.published: {
          const event = reviewPublishedEventSchema.safeParse(body);
          if (!event.success) return this.invalid(message.fields.routingKey);
          const { operationId, productId, reviewId } = event.data;
          await Promise.all([
            this.operations.settle(operationId, { status: 'done', reviewId }),
            this.cache.invalidate(productTag({ params: { productId }, query: {} })),
          ]);
          return;
        }
        case REVIEW_EVENTS.failed: {
          const event = reviewFailedEventSchema.safeParse(body);
          if (!event.success) return this.invalid(message.fields.routingKey);
          await this.operations.settle(event.data.operationId, { status: 'failed' });
          return;
        }
        default:
          return this.invalid(message.fields.routingKey);
      }
    } catch (error) {
      this.logger.warn(
        `A ${message.fields.routingKey} event could not be recorded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async subscribe(channel: Channel, exchange: string): Promise<void> {
    await channel.assertExchange(exchange, REVIEW_EVENTS_EXCHANGE.type, REVIEW_EVENTS_EXCHANGE.options);
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    await channel.bindQueue(queue, exchange, REVIEW_EVENTS.published);
    await channel.bindQueue(queue, exchange, REVIEW_EVENTS.failed);
    await channel.prefetch(PREFETCH);
    await channel.consume(queue, (message) => {
      if (message === null) return;
      void this.handle(message).finally(() => ack(channel, message));
    });
  }

  private invalid(routingKey: string): void {
    this.logger.warn(`Ignored a malformed review event (routing key "${routingKey}")`);
  }
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A channel that closed while the event was handled has already given the message back; nothing to acknowledge. */
function ack(channel: Channel, message: ConsumeMessage): void {
  try {
    channel.ack(message);
  } catch {
    // The channel is gone; its exclusive queue with it.
  }
}
