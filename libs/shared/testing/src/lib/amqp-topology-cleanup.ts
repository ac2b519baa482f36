import { amqpConfigShape } from '@bff/config';
import { amqpTopology } from '@bff/downstream-contracts';
import { type Channel, connect } from 'amqplib';
import { randomBytes } from 'node:crypto';

/**
 * An `AMQP_QUEUE_PREFIX` of a test's own, so its queues and exchanges on the shared
 * broker are apart from every other test's.
 *
 * @example
 * const prefix = uniqueAmqpPrefix(); // 'test.3f9a0c1b2d4e.'
 */
export function uniqueAmqpPrefix(): string {
  return `test.${randomBytes(6).toString('hex')}.`;
}

/**
 * Deletes every queue and exchange `amqpTopology(prefix)` names, whoever declared
 * them and however (durable quorum queues too). Each name is deleted both as a queue
 * and as an exchange, so a name the topology gains later is not forgotten: deleting
 * what does not exist is no error, and a broker that cannot be reached holds nothing
 * of this stack to delete.
 *
 * @example
 * afterAll(() => deleteAmqpTopology(prefix));
 */
export async function deleteAmqpTopology(prefix: string): Promise<void> {
  const url = amqpConfigShape().AMQP_URL.parse(process.env['AMQP_URL']);
  const connection = await connect(url).catch(() => undefined);
  if (!connection) return;
  try {
    const deletions = Object.values(amqpTopology(prefix)).flatMap((name) => [
      (channel: Channel) => channel.deleteQueue(name),
      (channel: Channel) => channel.deleteExchange(name),
    ]);
    for (const remove of deletions) {
      // A channel each: a refused delete closes its channel, and must not stop the rest.
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      await remove(channel)
        .then(() => channel.close())
        .catch(() => undefined);
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}
