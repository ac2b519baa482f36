import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A loopback port nothing listens on right now (to point a client at a closed port,
 * or to give a server of the test's own).
 *
 * @example
 * const closed = `redis://127.0.0.1:${await freePort()}`;
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

/**
 * Spawns `redis-server` with `args` (never persisting anything) and resolves with the
 * process once it accepts connections; rejects with its output if it exits first or
 * is not ready within 10 s.
 *
 * @example
 * const child = await spawnRedisServer(['--port', '0', '--tls-port', String(port), ...tlsArgs]);
 */
export async function spawnRedisServer(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', [...args, '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return child;
}

/**
 * A throwaway `redis-server` of this suite's own, so that a test can stop Redis
 * without touching the machine's shared instance. No persistence: a restart comes
 * back empty, as a replaced Redis would.
 *
 * @example
 * const redis = await RedisServer.start();
 * await redis.stop();   // an outage
 * await redis.resume(); // Redis is back, on the same port
 */
export class RedisServer {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.resume();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it (again) on the same port and resolves once it accepts connections. */
  async resume(): Promise<void> {
    this.child = await spawnRedisServer(['--port', String(this.port), '--bind', '127.0.0.1']);
  }

  /** Freezes the process: connections stay open but nothing is answered, as with a hung server. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** Stops it and resolves once the process is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    await exited;
  }
}
