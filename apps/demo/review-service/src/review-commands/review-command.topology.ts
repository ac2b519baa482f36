import {
  type AmqpTopology,
  REVIEW_COMMAND_DELIVERY_LIMIT,
  REVIEW_EVENTS_EXCHANGE,
} from '@bff/downstream-contracts';
import type { Channel } from 'amqplib';

/**
 * The arguments of the commands queue. A quorum queue counts a delivery each time a
 * message comes back unacknowledged (a `nack` with requeue, or a consumer gone) and
 * dead-letters the message once that count *exceeds* `x-delivery-limit`: the first
 * delivery is not counted, so a limit of L allows L + 1 deliveries (checked on
 * RabbitMQ 3.10: L = 3 gave 4). The limit is therefore one less than
 * {@link REVIEW_COMMAND_DELIVERY_LIMIT}, so a command that fails
 * `REVIEW_COMMAND_DELIVERY_LIMIT` (3) deliveries is dead-lettered, not a fourth.
 *
 * At-least-once dead-lettering keeps a failed command in the commands queue until the
 * dead-letter queue has confirmed it, so its `review.failed` cannot be lost on the way;
 * RabbitMQ only allows that strategy with `reject-publish` overflow.
 */
export const REVIEW_COMMANDS_QUEUE_ARGUMENTS = (topology: AmqpTopology) => ({
  'x-queue-type': 'quorum',
  'x-delivery-limit': REVIEW_COMMAND_DELIVERY_LIMIT - 1,
  'x-dead-letter-exchange': topology.reviewDeadLetters,
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
});

/**
 * Declares what the review service owns on the broker: the commands queue with its
 * dead-letter exchange and queue, and the events exchange it publishes to. It runs
 * in the channel's setup, so a reconnect (or a broker that lost a non-replicated
 * declaration) finds them again. The dead-letter side comes first: a command
 * dead-lettered before its queue is bound would have nowhere to go.
 *
 * @example
 * connection.createChannel({ setup: (channel: Channel) => declareReviewCommandTopology(channel, topology) });
 */
export async function declareReviewCommandTopology(channel: Channel, topology: AmqpTopology): Promise<void> {
  await channel.assertExchange(topology.reviewDeadLetters, 'fanout', { durable: true });
  await channel.assertQueue(topology.reviewCommandsDead, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum' },
  });
  await channel.bindQueue(topology.reviewCommandsDead, topology.reviewDeadLetters, '');
  await channel.assertQueue(topology.reviewCommands, {
    durable: true,
    arguments: REVIEW_COMMANDS_QUEUE_ARGUMENTS(topology),
  });
  await channel.assertExchange(
    topology.reviewEvents,
    REVIEW_EVENTS_EXCHANGE.type,
    REVIEW_EVENTS_EXCHANGE.options,
  );
}
