import { closeAmqpChannel } from '@bff/platform';
import type { AmqpConnectionManager, Channel, ChannelWrapper } from 'amqp-connection-manager';
import type { ConsumeMessage, Message } from 'amqplib';
import { randomBytes } from 'node:crypto';
import { AmqpCallError } from '../failure/amqp-call.error';

/** RabbitMQ's direct reply-to: replies come straight to the requesting channel, with no reply queue to declare. */
export const DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to';

/**
 * One AMQP request, as {@link AmqpReplyChannel.request} sends it.
 *
 * @example
 * const request: AmqpRequest = { queue: 'bff.shipping.v1.estimate', body: Buffer.from('{"productId":"42"}'), timeoutMs: 300, headers: {} };
 */
export interface AmqpRequest {
  queue: string;
  body: Buffer;
  /** How long to wait for the reply; the request expires on the broker after as long. */
  timeoutMs: number;
  /** The propagated headers (request id, trace context, language, subject). */
  headers: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

interface Pending {
  resolve(reply: Buffer): void;
  reject(error: unknown): void;
}

/**
 * Request/reply over one AMQP channel with RabbitMQ's direct reply-to: every request
 * carries `replyTo: amq.rabbitmq.reply-to` and a correlation id, and the replies of
 * every call in flight arrive on this one channel's consumer, matched back by that id.
 * Publishing with `mandatory` makes the broker hand back a request no queue takes (the
 * service is not running), so the call fails at once instead of at its timeout.
 *
 * The channel belongs to amqp-connection-manager, which reopens it, and re-runs its
 * setup (the reply consumer, the return listener), after every reconnection. Calls in
 * flight when the channel goes fail as `unavailable`: their replies would come to a
 * channel that no longer exists. While the channel is down, calls fail at once rather
 * than queue in the manager's buffer for a broker that may be gone for minutes.
 *
 * @example
 * const replies = new AmqpReplyChannel(connection);
 * const reply = await replies.request({ queue, body, timeoutMs: 300, headers: {} });
 */
export class AmqpReplyChannel {
  private readonly pending = new Map<string, Pending>();
  private readonly channel: ChannelWrapper;
  private ready = false;
  /** A per-channel prefix and a counter: ids unique across replicas without a UUID per call. */
  private readonly idPrefix = randomBytes(6).toString('base64url');
  private nextId = 0;

  constructor(private readonly connection: AmqpConnectionManager) {
    this.channel = connection.createChannel({
      name: 'rpc',
      confirm: false,
      setup: async (channel: Channel) => {
        channel.on('return', (message: Message) => this.onReturn(message));
        await channel.consume(DIRECT_REPLY_TO, (message) => this.onReply(message), { noAck: true });
        this.ready = true;
      },
    });
    this.channel.on('close', () => this.onChannelLost());
    this.channel.on('error', () => this.onChannelLost());
    connection.on('disconnect', () => this.onChannelLost());
  }

  /** Sends one request and resolves with the reply's body; rejects with an `AmqpCallError` or the signal's reason. */
  request(request: AmqpRequest): Promise<Buffer> {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.ready || !this.connection.isConnected()) {
      return Promise.reject(new AmqpCallError('unavailable', true, 'disconnected'));
    }
    const correlationId = `${this.idPrefix}.${this.nextId++}`;
    return new Promise<Buffer>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending.delete(correlationId);
      };
      const onAbort = () => {
        settle();
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new AmqpCallError('timeout', true, 'no reply in time'));
      }, request.timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(correlationId, {
        resolve: (reply) => {
          settle();
          resolve(reply);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.channel
        .sendToQueue(request.queue, request.body, {
          replyTo: DIRECT_REPLY_TO,
          correlationId,
          mandatory: true,
          // A request nobody took in time is dropped by the broker: its caller has given up.
          expiration: String(request.timeoutMs),
          contentType: 'application/json',
          headers: request.headers,
        })
        .catch(() => this.fail(correlationId, new AmqpCallError('unavailable', true, 'publish failed')));
    });
  }

  /** Resolves once the reply consumer is set up. */
  waitUntilReady(): Promise<void> {
    return this.channel.waitForConnect();
  }

  /** Fails the calls in flight and closes the channel, giving up on a broker that is gone after 1 s. */
  close(): Promise<void> {
    this.onChannelLost();
    return closeAmqpChannel(this.channel);
  }

  private onReply(message: ConsumeMessage | null): void {
    if (message === null) return;
    const id = message.properties.correlationId as string | undefined;
    if (id !== undefined) this.pending.get(id)?.resolve(message.content);
  }

  private onReturn(message: Message): void {
    this.fail(message.properties.correlationId as string, new AmqpCallError('unavailable', true, 'returned'));
  }

  private fail(correlationId: string, error: AmqpCallError): void {
    this.pending.get(correlationId)?.reject(error);
  }

  private onChannelLost(): void {
    this.ready = false;
    for (const id of [...this.pending.keys()])
      this.fail(id, new AmqpCallError('unavailable', true, 'disconnected'));
  }
}
