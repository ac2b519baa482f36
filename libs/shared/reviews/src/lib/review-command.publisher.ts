import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { type ReviewSubmitCommand, amqpTopology } from '@bff/downstream-contracts';
import { AmqpConnections, closeAmqpChannel } from '@bff/platform';
import type { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, Message } from 'amqplib';
import { commandUnavailable } from './command-unavailable.error';
import { REVIEWS_OPTIONS, type ReviewsOptions } from './reviews.options';

/** One publish waiting for the broker; `returned` is set when the broker sent it back. */
interface InFlight {
  returned: boolean;
}

/**
 * Publishes `review.submit` commands to the review service's queue (the default
 * exchange, routing key `amqpTopology(prefix).reviewCommands`), persistent and
 * `mandatory`, on a confirm channel, and resolves only once the broker has confirmed
 * that it holds the command. Everything else rejects with a 503 (see
 * `commandUnavailable`): a command the broker returned because no queue takes it (the
 * return arrives before the confirm, so the confirm callback already knows), a nack,
 * a channel that closed, no confirm within `confirmTimeoutMs`, and a broker that is
 * not connected.
 *
 * It publishes on the amqplib channel amqp-connection-manager hands to the setup,
 * not through the manager's wrapper: the wrapper queues messages while it is
 * disconnected and sends them later, and a request answered 503 must not submit a
 * review afterwards. The manager still reconnects and re-runs the setup, which picks
 * the new channel up.
 *
 * @example
 * await publisher.publish({ operationId: 'k-4f1c2a9b', productId: '42', authorId: '7', authorName: 'Ada L.', draft });
 */
@Injectable()
export class ReviewCommandPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger('ReviewCommands');
  private readonly connection: AmqpConnectionManager;
  private readonly wrapper: ChannelWrapper;
  private readonly queue: string;
  private readonly confirmTimeoutMs: number;
  private readonly inFlight = new Map<string, InFlight[]>();
  private channel: ConfirmChannel | undefined;

  constructor(connections: AmqpConnections, @Inject(REVIEWS_OPTIONS) options: ReviewsOptions) {
    this.queue = amqpTopology(options.queuePrefix).reviewCommands;
    this.confirmTimeoutMs = options.confirmTimeoutMs;
    // Opened while the app is built, so start-up waits for the broker (briefly) like for every other connection.
    this.connection = connections.connection(options.amqpUrl);
    this.wrapper = this.connection.createChannel({
      name: 'review-commands',
      confirm: true,
      setup: (channel: ConfirmChannel) => this.attach(channel),
    });
    this.wrapper.on('error', (error: Error) =>
      this.logger.warn(`Review command channel setup failed: ${error.name}`),
    );
  }

  /** True while commands can be published: connected, with the channel set up. */
  get ready(): boolean {
    return this.channel !== undefined && this.connection.isConnected();
  }

  /** Resolves once the broker has confirmed `command`; rejects with a 503 `BffError` otherwise. */
  publish(command: ReviewSubmitCommand): Promise<void> {
    const channel = this.channel;
    if (channel === undefined || !this.ready) return Promise.reject(commandUnavailable('broker-unavailable'));
    const messageId = command.operationId;
    return new Promise<void>((resolve, reject) => {
      const attempt: InFlight = { returned: false };
      this.track(messageId, attempt);
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.untrack(messageId, attempt);
        if (error === undefined) resolve();
        else reject(error);
      };
      const timer = setTimeout(() => finish(commandUnavailable('confirm-timeout')), this.confirmTimeoutMs);
      try {
        channel.publish(
          '',
          this.queue,
          Buffer.from(JSON.stringify(command)),
          {
            persistent: true,
            mandatory: true,
            messageId,
            contentType: 'application/json',
            type: 'review.submit',
          },
          (error: unknown) => {
            if (error) finish(commandUnavailable('rejected', error));
            else finish(attempt.returned ? commandUnavailable('no-consumer') : undefined);
          },
        );
      } catch (error) {
        // amqplib throws at once on a channel that has just closed.
        finish(commandUnavailable('broker-unavailable', error));
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await closeAmqpChannel(this.wrapper);
  }

  private async attach(channel: ConfirmChannel): Promise<void> {
    channel.on('return', (message: Message) => this.markReturned(message.properties.messageId));
    channel.once('close', () => {
      if (this.channel === channel) this.channel = undefined;
    });
    this.channel = channel;
  }

  private markReturned(messageId: unknown): void {
    if (typeof messageId !== 'string') return;
    for (const attempt of this.inFlight.get(messageId) ?? []) attempt.returned = true;
  }

  // Keyed by message id: one `Idempotency-Key` sent twice at once is two publishes in flight.
  private track(messageId: string, attempt: InFlight): void {
    const attempts = this.inFlight.get(messageId);
    if (attempts === undefined) this.inFlight.set(messageId, [attempt]);
    else attempts.push(attempt);
  }

  private untrack(messageId: string, attempt: InFlight): void {
    const attempts = this.inFlight.get(messageId);
    if (attempts === undefined) return;
    const rest = attempts.filter((other) => other !== attempt);
    if (rest.length === 0) this.inFlight.delete(messageId);
    else this.inFlight.set(messageId, rest);
  }
}
