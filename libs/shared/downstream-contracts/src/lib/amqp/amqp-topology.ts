/**
 * Every queue, exchange and routing key the gateways and the demo services share on
 * RabbitMQ, under one prefix (`AMQP_QUEUE_PREFIX`), so a test or a second deployment
 * on the same broker gets a topology of its own. Each queue is declared by the
 * service that consumes it, and only there: a publisher that finds no queue gets its
 * message back (`mandatory`) and answers "unavailable" at once, instead of a declare
 * with other arguments failing the channel.
 *
 * @example
 * const { deliveryEstimates } = amqpTopology('bff.');
 * deliveryEstimates; // 'bff.shipping.v1.estimate'
 */
export function amqpTopology(prefix: string) {
  return {
    /** Delivery-estimate requests (request/reply, answered through direct reply-to); the shipping service consumes it. */
    deliveryEstimates: `${prefix}shipping.v1.estimate`,
    /** `review.submit` commands; the review service consumes it (a quorum queue with a delivery limit). */
    reviewCommands: `${prefix}review.v1.submit`,
    /** Where a command that failed {@link REVIEW_COMMAND_DELIVERY_LIMIT} times ends, by the dead-letter exchange. */
    reviewCommandsDead: `${prefix}review.v1.submit.dead`,
    /** The dead-letter exchange of {@link reviewCommands} (fanout). */
    reviewDeadLetters: `${prefix}review.v1.dlx`,
    /** Review events (topic): `review.published`, `review.failed`. Every gateway replica binds a queue of its own. */
    reviewEvents: `${prefix}review.v1.events`,
  } as const;
}

/**
 * The names {@link amqpTopology} gives.
 *
 * @example
 * const topology: AmqpTopology = amqpTopology(config.get('AMQP_QUEUE_PREFIX'));
 */
export type AmqpTopology = ReturnType<typeof amqpTopology>;

/** The prefix when `AMQP_QUEUE_PREFIX` is unset. */
export const DEFAULT_AMQP_QUEUE_PREFIX = 'bff.';

/** Routing keys on the review events exchange. */
export const REVIEW_EVENTS = {
  published: 'review.published',
  failed: 'review.failed',
} as const;

/** Deliveries of one command before it is dead-lettered and its operation reads `failed`. */
export const REVIEW_COMMAND_DELIVERY_LIMIT = 3;

/** The review events exchange, declared alike by everyone who touches it (a mismatch closes the channel). */
export const REVIEW_EVENTS_EXCHANGE = { type: 'topic', options: { durable: true } } as const;
