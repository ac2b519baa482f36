import { createClient } from '@redis/client';
import { randomBytes } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { freePort } from '@bff/testing';

export { freePort, RedisServer } from '@bff/testing';

/** The machine's shared Redis; suites use their own key prefix on it and delete their keys afterwards. */
export const SHARED_REDIS_URL = 'redis://127.0.0.1:6379';

export function uniquePrefix(suite: string): string {
  return `test:${suite}:${randomBytes(6).toString('hex')}:`;
}

function newClient(url: string) {
  return createClient({ url });
}

type TestRedisClient = ReturnType<typeof newClient>;

/** Deletes every key under `prefix` and returns how many there were. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (client) => {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    if (keys.length > 0) await client.del(keys);
    return keys.length;
  });
}

/** Runs `fn` with a connected client, closing it afterwards. */
export async function withRedis<T>(url: string, fn: (client: TestRedisClient) => Promise<T>): Promise<T> {
  const client = newClient(url);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

/**
 * A TCP relay to Redis that a test can cut and restore, to put one replica out of
 * reach of a Redis the others still use.
 */
export class RedisLink {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async open(targetUrl: string): Promise<RedisLink> {
    const target = new URL(targetUrl);
    const link = new RedisLink(await freePort(), { host: target.hostname, port: Number(target.port) });
    await link.restore();
    return link;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restore(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
