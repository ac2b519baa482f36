import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { type AmqpConnectionManager, connect } from 'amqp-connection-manager';
import type { DependencyState } from '../admission/readiness-dependencies';
import { settledWithin } from './settled-within';

/** How long start-up waits for the broker before serving without it. */
const CONNECT_WAIT_MS = 1_000;

/**
 * Heartbeats find a dead broker (or a cut network) in two missed beats; reconnecting
 * every second afterwards brings the AMQP parts back soon after the broker is.
 */
const HEARTBEAT_SECONDS = 5;
const RECONNECT_SECONDS = 1;

/**
 * The process's connections to RabbitMQ, one per URL, each kept up by
 * amqp-connection-manager (it reconnects, and re-runs every channel's setup: queues,
 * bindings, consumers). Sockets run without Nagle's algorithm: with it, a small reply
 * can wait for the peer's delayed ACK, and a request/reply round trip took 22 ms
 * instead of 0.7 ms (README, "AMQP client libraries, measured").
 *
 * Start-up waits at most 1 s for the first connection (a gateway starts, and serves,
 * while the broker is down); connections close in `onApplicationShutdown`, after the
 * HTTP server has drained. One warning is logged per outage; the URL, which may hold
 * a password, never is.
 *
 * @example
 * const connection = connections.connection(config.get('AMQP_URL'));
 * const channel = connection.createChannel({ setup: (ch: Channel) => ch.assertQueue('q') });
 */
@Injectable()
export class AmqpConnections implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AMQP');
  private readonly connections = new Map<string, AmqpConnectionManager>();
  private readonly firstConnections: Array<Promise<unknown>> = [];
  private closed = false;

  /** The connection to `url`, opened on first use. */
  connection(url: string): AmqpConnectionManager {
    if (this.closed) throw new Error('AMQP connections are closed: the application is shutting down.');
    let connection = this.connections.get(url);
    if (connection === undefined) {
      connection = this.open(url);
      this.connections.set(url, connection);
    }
    return connection;
  }

  /** `up` while the connection to `url` is open, for readiness; `unknown` before anyone asked for it. */
  state(url: string): DependencyState {
    const connection = this.connections.get(url);
    if (connection === undefined) return 'unknown';
    return connection.isConnected() ? 'up' : 'down';
  }

  async onModuleInit(): Promise<void> {
    if (this.firstConnections.length === 0) return;
    await settledWithin(Promise.allSettled(this.firstConnections), CONNECT_WAIT_MS);
  }

  /**
   * Closes every connection. Closing waits for the broker's answer, which a broker
   * that is down never sends: a close is given up on after 1 s, so shutdown never hangs.
   */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const connections = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(connections.map((connection) => settledWithin(connection.close(), CONNECT_WAIT_MS)));
  }

  private open(url: string): AmqpConnectionManager {
    const connection = connect([url], {
      heartbeatIntervalInSeconds: HEARTBEAT_SECONDS,
      reconnectTimeInSeconds: RECONNECT_SECONDS,
      connectionOptions: { noDelay: true, timeout: CONNECT_WAIT_MS * 2 },
    });
    let down = false;
    const warn = (reason: string) => {
      if (down) return;
      down = true;
      this.logger.warn(`RabbitMQ unavailable (${reason}); reconnecting every ${RECONNECT_SECONDS} s`);
    };
    connection.on('connect', () => {
      if (down) this.logger.log('RabbitMQ connection restored');
      down = false;
    });
    connection.on('disconnect', ({ err }) => warn(safeReason(err)));
    connection.on('connectFailed', ({ err }) => warn(safeReason(err)));
    this.firstConnections.push(
      new Promise<void>((resolve) => {
        connection.once('connect', () => resolve());
        connection.once('connectFailed', () => resolve());
      }),
    );
    return connection;
  }
}

/** An error's code or name, never its message: amqplib puts the URL, password included, in some. */
function safeReason(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' || typeof code === 'number') return String(code);
    if (typeof name === 'string') return name;
  }
  return 'connection lost';
}
