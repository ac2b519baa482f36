import { AppProcess, DemoStack, TestAuth, freePort, request, spawnRedisServer } from '@bff/testing';
import type { WebUser } from '@bff/web-contracts';
import Redis from 'ioredis';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway `redis-server` that speaks TLS only (no plaintext port), with a
 * self-signed certificate for 127.0.0.1 made for this suite.
 */
class TlsRedis {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly caFile: string,
  ) {}

  static async start(dir: string): Promise<TlsRedis> {
    const key = join(dir, 'redis.key');
    const cert = join(dir, 'redis.crt');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
      '-keyout', key, '-out', cert,
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ], { stdio: 'ignore' });
    const port = await freePort();
    const child = await spawnRedisServer([
      '--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1',
      '--tls-cert-file', cert, '--tls-key-file', key, '--tls-ca-cert-file', cert, '--tls-auth-clients', 'no',
    ]);
    return new TlsRedis(child, port, cert);
  }

  get url(): string {
    return `rediss://127.0.0.1:${this.port}`;
  }

  /** A client of the test's own, trusting the suite's certificate. */
  client(): Redis {
    return new Redis(this.url, { tls: { ca: readFileSync(this.caFile) } });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

describe('web-bff on Redis over TLS (rediss://)', () => {
  let dir: string;
  let redis: TlsRedis;
  let admin: Redis;
  let stack: DemoStack;
  let bff: AppProcess;
  const auth = new TestAuth();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bff-redis-tls-'));
    redis = await TlsRedis.start(dir);
    admin = redis.client();
    stack = await DemoStack.start();
    // The suite's private CA, added to Node's trust store the documented way.
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      REDIS_URL: redis.url,
      NODE_EXTRA_CA_CERTS: redis.caFile,
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
    });
    // A key, a certificate, a Redis and five processes: more than a test's time on a loaded machine.
  }, 90_000);

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
    admin?.disconnect();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('caches pages and keeps sessions in the TLS Redis, with every Redis client of the gateway on TLS', async () => {
    // Redis may still be connecting right after start-up: the cache stands aside meanwhile.
    let filled = await request(`${bff.url}/product-details/31`);
    for (let i = 0; i < 50 && filled.headers.get('x-cache') === 'BYPASS'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      filled = await request(`${bff.url}/product-details/31`);
    }
    const hit = await request(`${bff.url}/product-details/31`);

    expect(filled.headers.get('x-cache')).toBe('MISS');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(await admin.keys('bff:cache:r:web:*')).toHaveLength(1);
    // The server has no plaintext port: each of the gateway's connections (the shared command
    // and subscriber connections of the cache and the sessions, and the rate limiter's while it
    // keeps its own) connected over TLS.
    const ownId = await admin.client('ID');
    const clients = String(await admin.client('LIST'))
      .split('\n')
      .filter((line) => line.startsWith('id=') && !line.startsWith(`id=${ownId} `));
    expect(clients.length).toBeGreaterThanOrEqual(2);

    const user = await request<WebUser>(`${stack.services.user.url}/users/19`);
    const signedIn = await request(`${bff.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.body.email, password: 'demo-password' }),
    });
    expect(signedIn.status).toBe(200);
    expect((await admin.keys('bff:web:session:*')).length).toBeGreaterThan(0);
  });

  it('verifies the server certificate: without the CA the gateway never talks to Redis, and serves uncached', async () => {
    const untrusting = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      REDIS_URL: redis.url,
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
    });
    try {
      // Keys, not a count: the first gateway's short-lived keys (rate limits) may expire meanwhile.
      const before = new Set(await admin.keys('*'));
      const first = await request(`${untrusting.url}/product-details/32`);
      const second = await request(`${untrusting.url}/product-details/32`);

      expect(first.status).toBe(200);
      expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['BYPASS', 'BYPASS']);
      expect((await admin.keys('*')).filter((key) => !before.has(key))).toEqual([]);
      expect(untrusting.logs).toMatch(/self[- ]signed certificate/i);
    } finally {
      await untrusting.stop();
    }
  });

  describe('with NODE_ENV=production', () => {
    const production = (env: Record<string, string>) => ({
      ...stack.bffEnv(),
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://id.example.com/.well-known/jwks.json',
      AUTH_ISSUER: 'https://id.example.com/',
      ...env,
    });

    it('refuses to start on plaintext redis:// to another host, naming the variable and not the URL', async () => {
      const started = AppProcess.start('web-bff', production({ REDIS_URL: 'redis://:hunter2-secret@cache.internal:6379' }), 15_000);

      const error = await started.then(
        async (app) => {
          await app.stop();
          throw new Error('the gateway started');
        },
        (refused: Error) => refused,
      );
      expect(error.message).toMatch(/exited/);
      expect(error.message).toMatch(/REDIS_URL.*rediss:\/\/.*REDIS_ALLOW_PLAINTEXT=true/);
      expect(error.message).not.toContain('hunter2');
      expect(error.message).not.toContain('cache.internal');
    });

    it('starts on rediss://, and on plaintext when REDIS_ALLOW_PLAINTEXT=true says the network encrypts it', async () => {
      const envs: Record<string, string>[] = [
        { REDIS_URL: redis.url, NODE_EXTRA_CA_CERTS: redis.caFile },
        { REDIS_URL: 'redis://cache.internal:6379', REDIS_ALLOW_PLAINTEXT: 'true' },
      ];
      for (const env of envs) {
        const app = await AppProcess.start('web-bff', production(env));
        await app.stop();
      }
    });
  });
});
