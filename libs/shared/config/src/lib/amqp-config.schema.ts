import { DEFAULT_AMQP_QUEUE_PREFIX } from '@bff/downstream-contracts';
import { z } from 'zod';

/** RabbitMQ's `guest` user works from loopback only, which is where the demo broker is. */
const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

/**
 * The variables of the one RabbitMQ broker a process talks to, to spread into its
 * config schema:
 *
 * - `AMQP_URL`: `amqp://` or `amqps://` (TLS), with user, password and vhost as
 *   RabbitMQ reads them; defaults to the local broker with RabbitMQ's `guest` user.
 * - `AMQP_QUEUE_PREFIX`: put in front of every queue and exchange name (`bff.` by
 *   default), so tests and deployments sharing one broker and vhost stay apart.
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(4005), ...amqpConfigShape() });
 */
export function amqpConfigShape() {
  return {
    AMQP_URL: z
      .url({ protocol: /^amqps?$/, error: 'must be an amqp:// or amqps:// URL' })
      .default(DEFAULT_AMQP_URL),
    AMQP_QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]{0,64}$/, 'must be at most 64 letters, digits, dots, dashes or underscores')
      .default(DEFAULT_AMQP_QUEUE_PREFIX),
  };
}
