import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { createClient } from '@redis/client';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { RedisConnections } from './redis-connections';
import { RedisModule } from './redis.module';

@Injectable()
class SessionsLike {
  constructor(readonly connections: RedisConnections) {}
}

@Injectable()
class CacheLike {
  constructor(readonly connections: RedisConnections) {}
}

@Module({ imports: [RedisModule], providers: [SessionsLike], exports: [SessionsLike] })
class SessionsLikeModule {}

@Module({ imports: [RedisModule], providers: [CacheLike], exports: [CacheLike] })
class CacheLikeModule {}

/** A loopback port nothing listens on. (`@bff/testing` has one, but it depends on this lib.) */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

/** A `redis-server` of this suite's own, so its connection count is ours alone. */
async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Connections the server holds, not counting the one asking. */
async function clientsOf(url: string): Promise<number> {
  const probe = createClient({ url });
  await probe.connect();
  try {
    const info = await probe.info('clients');
    return Number(/connected_clients:(\d+)/.exec(info)?.[1]) - 1;
  } finally {
    await probe.close();
  }
}

describe('RedisConnections', () => {
  let redis: { url: string; stop: () => Promise<void> };
  let app: TestingModule | undefined;

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await redis.stop();
  });

  async function start(): Promise<TestingModule> {
    app = await Test.createTestingModule({ imports: [SessionsLikeModule, CacheLikeModule] }).compile();
    app.enableShutdownHooks();
    return app;
  }

  it('gives every module of an app the same connections: one command connection per URL', async () => {
    const module = await start();
    const sessions = module.get(SessionsLike).connections;
    const cache = module.get(CacheLike).connections;
    expect(sessions).toBe(cache);

    const commands = sessions.commands(redis.url);
    expect(cache.commands(redis.url)).toBe(commands);
    await module.init();

    expect(commands.isReady).toBe(true);
    expect(await clientsOf(redis.url)).toBe(1);
  });

  it('opens the subscriber connection only once someone subscribes', async () => {
    const module = await start();
    const connections = module.get(RedisConnections);
    connections.commands(redis.url);
    await module.init();
    expect(await clientsOf(redis.url)).toBe(1);

    const subscriber = connections.subscriber(redis.url);
    expect(connections.subscriber(redis.url)).toBe(subscriber);
    await subscriber.subscribe('test:redis-connections', () => undefined);
    expect(await clientsOf(redis.url)).toBe(2);
  });

  it('closes every connection when the application shuts down, and opens none afterwards', async () => {
    const module = await start();
    const connections = module.get(RedisConnections);
    const commands = connections.commands(redis.url);
    const subscriber = connections.subscriber(redis.url);
    await module.init();

    await module.close();
    app = undefined;

    expect(commands.isOpen).toBe(false);
    expect(subscriber.isOpen).toBe(false);
    expect(await clientsOf(redis.url)).toBe(0);
    expect(() => connections.commands(redis.url)).toThrow(/shutting down/);
  });

  it('starts within about a second when Redis cannot be reached, and fails commands at once meanwhile', async () => {
    const module = await start();
    const commands = module.get(RedisConnections).commands(`redis://127.0.0.1:${await freePort()}`);

    const started = Date.now();
    await module.init();
    expect(Date.now() - started).toBeLessThan(3_000);

    const sent = Date.now();
    await expect(commands.sendCommand(['GET', 'anything'])).rejects.toThrow();
    expect(Date.now() - sent).toBeLessThan(100);
  });
});
