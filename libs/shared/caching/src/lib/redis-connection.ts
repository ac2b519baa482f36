import { Logger } from '@nestjs/common';
import { createClient } from '@keyv/redis';

/** How long the near cache keeps a value Redis has not invalidated, as a safety net. */
const NEAR_CACHE_TTL_MS = 300_000;

function commandClient(url: string, commandTimeoutMs: number, nearCacheEntries: number) {
  return createClient({
    url,
    // RESP3 lets Redis push invalidations of the values cached client-side on this very connection.
    RESP: 3,
    clientSideCache: { maxEntries: nearCacheEntries, ttl: NEAR_CACHE_TTL_MS, evictPolicy: 'LRU' },
    ...resilience(commandTimeoutMs),
  });
}

function subscriberClient(url: string, commandTimeoutMs: number) {
  return createClient({ url, ...resilience(commandTimeoutMs) });
}

function resilience(commandTimeoutMs: number) {
  return {
    disableOfflineQueue: true,
    commandOptions: { timeout: commandTimeoutMs },
    socket: {
      connectTimeout: Math.max(commandTimeoutMs, 500),
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1_000),
    },
  };
}

export type RedisCommandClient = ReturnType<typeof commandClient>;

/**
 * The cache's two Redis connections: one for commands (shared with the Keyv store)
 * and one subscribed to the invalidation channel. Both are tuned so an outage never
 * holds a request up: commands fail at once while disconnected instead of queueing,
 * and reconnection retries forever with a capped backoff.
 *
 * The command connection keeps a near cache of what it reads (Redis client-side
 * caching, `CLIENT TRACKING`): Redis pushes an invalidation on this connection as
 * soon as any client changes or deletes a key it served, and the whole near cache is
 * dropped whenever the connection is lost, so a hit never needs a round trip and is
 * never older than what Redis holds.
 */
export class RedisConnection {
  readonly client: RedisCommandClient;
  readonly subscriber: ReturnType<typeof subscriberClient>;
  private readonly logger = new Logger('ResponseCache');
  private readonly readyListeners: Array<() => void> = [];
  private down = false;
  private closing = false;

  constructor(url: string, options: { commandTimeoutMs: number; nearCacheEntries: number }) {
    this.client = commandClient(url, options.commandTimeoutMs, options.nearCacheEntries);
    this.subscriber = subscriberClient(url, options.commandTimeoutMs);
    for (const client of [this.client, this.subscriber]) {
      // Without a listener an 'error' event would crash the process; one log line per outage is enough.
      client.on('error', (error: Error) => this.onError(error));
    }
    this.client.on('ready', () => this.onReady());
  }

  /** True while commands can be sent; while false the cache is bypassed. */
  get ready(): boolean {
    return this.client.isReady;
  }

  /** Called on every (re)connection, after which missed invalidations can be replayed. */
  onReconnect(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  /**
   * Starts connecting and waits at most `waitMs` for the first connection, so a
   * gateway starts (and serves, uncached) while Redis is down.
   */
  async open(waitMs: number): Promise<void> {
    const connected = Promise.all([this.client.connect(), this.subscriber.connect()]).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([connected, deadline]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      [this.client, this.subscriber].map(async (client) => {
        if (!client.isOpen) return;
        try {
          await (client.isReady ? client.close() : client.destroy());
        } catch {
          // Already closed by the Keyv store it shares the command connection with.
        }
      }),
    );
  }

  private onError(error: Error): void {
    if (this.down || this.closing) return;
    this.down = true;
    this.logger.warn(`Redis unavailable, serving without the response cache: ${error.message}`);
  }

  private onReady(): void {
    if (this.down) this.logger.log('Redis reachable again, response cache resumed');
    this.down = false;
    for (const listener of this.readyListeners) listener();
  }
}
