import type { ChannelWrapper } from 'amqp-connection-manager';
import { settledWithin } from './settled-within';

/** A channel close waits for the broker's answer; at shutdown, this long at most. */
const CLOSE_WAIT_MS = 1_000;

/**
 * Closes a channel at shutdown without hanging on a broker that stopped answering (a
 * close waits for the broker's close-ok, which a stalled or just-cut connection never
 * sends). The connection itself is `AmqpConnections`' to close.
 *
 * @example
 * async onApplicationShutdown() { await closeAmqpChannel(this.channel); }
 */
export function closeAmqpChannel(channel: ChannelWrapper): Promise<void> {
  return settledWithin(channel.close(), CLOSE_WAIT_MS);
}
