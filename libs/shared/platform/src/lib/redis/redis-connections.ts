import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { DependencyState } from '../admission/readiness-dependencies';
import type { RedisCommandConnection, RedisSubscriberConnection } from './redis-connection.factory';

/** How long start-up waits for the first connections before serving without Redis. */
const CONNECT_WAIT_MS = 1_000;

interface Endpoint {
  commands: RedisCommandConnection;
  subscriber?: RedisSubscriberConnection;
}

type Connection = RedisCommandConnection | RedisSubscriberConnection;

/**
 * The process's Redis connections, one owner for all of them: per Redis URL one
 * command connection and, only once someone subscribes, one subscriber connection,
 * shared by sessions, rate limits and the response cache. Connections are opened
 * when first asked for, start-up waits at most 1 s for them (a gateway starts, and
 * serves, while Redis is down), and they close in `onApplicationShutdown`, after
 * the HTTP server has drained.
 *
 * The connections carry no command timeout and fail at once while disconnected
 * (see `redis-connection.factory.ts`): each consumer keeps its own outage policy by
 * passing its own `timeout` per call and deciding what a failure means (the cache
 * stands aside, sessions answer 503, rate limits decide locally). One warning is
 * logged per outage and connection; the URL, which may hold a password, never is.
 *
 * @example
 * @Injectable()
 * class ProfileStore {
 *   private readonly redis: RedisCommandConnection;
 *   constructor(connections: RedisConnections) {
 *     this.redis = connections.commands('redis://127.0.0.1:6379');
 *   }
 *   read(id: string) {
 *     return this.redis.sendCommand(['GET', `profile:${id}`], { timeout: 500 });
 *   }
 * }
 */
@Injectable()
export class RedisConnections implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly endpoints = new Map<string, Endpoint>();
  private readonly firstConnections: Array<Promise<unknown>> = [];
  private closed = false;

  /** The command connection to `url`, opened on first use. */
  commands(url: string): RedisCommandConnection {
    return this.endpoint(url).commands;
  }

  /** The subscriber connection to `url`, opened on first use (node-redis re-subscribes after reconnecting). */
  subscriber(url: string): RedisSubscriberConnection {
    const endpoint = this.endpoint(url);
    endpoint.subscriber ??= this.open(factory().createSubscriberConnection(url), 'subscriber');
    return endpoint.subscriber;
  }

  /**
   * `up` while the command connection to `url` is ready, `down` while it is not
   * (connecting, or reconnecting after an outage), `unknown` before anyone asked for
   * it: the last known state, for health probes, never a command sent to find out.
   */
  state(url: string): DependencyState {
    const endpoint = this.endpoints.get(url);
    if (endpoint === undefined) return 'unknown';
    return endpoint.commands.isReady ? 'up' : 'down';
  }

  /** Waits at most 1 s for the connections asked for while the app was built. */
  async onModuleInit(): Promise<void> {
    if (this.firstConnections.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)));
    await Promise.race([Promise.allSettled(this.firstConnections), deadline]);
    clearTimeout(timer);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const connections = [...this.endpoints.values()].flatMap(({ commands, subscriber }) =>
      subscriber === undefined ? [commands] : [commands, subscriber],
    );
    this.endpoints.clear();
    await Promise.all(connections.map((connection) => close(connection)));
  }

  private endpoint(url: string): Endpoint {
    if (this.closed) throw new Error('Redis connections are closed: the application is shutting down.');
    let endpoint = this.endpoints.get(url);
    if (endpoint === undefined) {
      endpoint = { commands: this.open(factory().createCommandConnection(url), 'command') };
      this.endpoints.set(url, endpoint);
    }
    return endpoint;
  }

  private open<T extends Connection>(connection: T, purpose: string): T {
    let down = false;
    // Without an 'error' listener an outage would crash the process; one line per outage is enough.
    connection.on('error', (error: Error) => {
      if (down || this.closed) return;
      down = true;
      this.logger.warn(`Redis ${purpose} connection unavailable: ${error.message}`);
    });
    connection.on('ready', () => {
      if (down) this.logger.log(`Redis ${purpose} connection reachable again`);
      down = false;
    });
    this.firstConnections.push(connection.connect().catch(() => undefined));
    return connection;
  }
}

/**
 * Loaded only when a connection is first asked for: the Redis client library is
 * over 400 modules, a quarter of what a gateway loads at start-up.
 */
function factory(): typeof import('./redis-connection.factory') {
  return require('./redis-connection.factory') as typeof import('./redis-connection.factory');
}

async function close(connection: Connection): Promise<void> {
  if (!connection.isOpen) return;
  try {
    // `close()` waits for replies in flight but never settles on a connection that is reconnecting.
    await (connection.isReady ? connection.close() : connection.destroy());
  } catch {
    // Already closed.
  }
}
