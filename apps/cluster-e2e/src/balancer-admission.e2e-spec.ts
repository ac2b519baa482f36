import { freePort, request, workspaceRoot } from '@bff/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface NginxHandle {
  stop(graceMs?: number): Promise<void>;
}

interface NginxModules {
  nginxConfig(options: {
    dir: string;
    entries: Array<{ name: string; listen: { host: string; port: number }; servers: string[]; maxInFlight: number }>;
  }): string;
  Nginx: {
    start(options: { binary: string; dir: string; config: string; ports: number[] }): Promise<NginxHandle>;
  };
  findNginx(): string;
}

const MAX_IN_FLIGHT = 3;
const SLOW_MS = 600;

/**
 * The balancer's own answers, with the configuration `npm run start:cluster` writes, in
 * front of a stand-in replica whose answers the test chooses: nginx holds the in-flight
 * limit and turns the excess away itself, as problem+json, while a replica's own
 * answers, its 503s included, pass through untouched.
 */
describe('nginx in front of the replicas', () => {
  // Jest compiles the .mjs to CommonJS (see jest.config.js).
  const modules: NginxModules = {
    ...(require(join(workspaceRoot(), 'tools/scripts/lib/nginx-config.mjs')) as Pick<NginxModules, 'nginxConfig'>),
    ...(require(join(workspaceRoot(), 'tools/scripts/lib/nginx.mjs')) as Omit<NginxModules, 'nginxConfig'>),
  };
  const dirs: string[] = [];
  let replica: Server;
  let replicaHost: string;

  beforeAll(async () => {
    replica = createServer((req, res) => {
      if (req.url === '/own-503') {
        res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '7' });
        res.end(JSON.stringify({ code: 'UPSTREAM_UNAVAILABLE', status: 503, from: 'replica' }));
        return;
      }
      setTimeout(() => res.end('ok'), req.url === '/slow' ? SLOW_MS : 0);
    });
    await new Promise<void>((resolve) => replica.listen(0, '127.0.0.1', resolve));
    replicaHost = `127.0.0.1:${(replica.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => replica.close(resolve));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function balancer(servers: string[]): Promise<{ url: string; nginx: NginxHandle }> {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-e2e-nginx-'));
    dirs.push(dir);
    const port = await freePort();
    const config = modules.nginxConfig({
      dir,
      entries: [{ name: 'mobile_bff', listen: { host: '127.0.0.1', port }, servers, maxInFlight: MAX_IN_FLIGHT }],
    });
    const nginx = await modules.Nginx.start({ binary: modules.findNginx(), dir, config, ports: [port] });
    return { url: `http://127.0.0.1:${port}`, nginx };
  }

  it('turns away what is past the in-flight limit with 503 OVERLOADED problem+json and Retry-After, at once', async () => {
    const { url, nginx } = await balancer([replicaHost]);
    try {
      const answers = await Promise.all(Array.from({ length: MAX_IN_FLIGHT + 4 }, () => request(`${url}/slow`)));

      const shed = answers.filter((answer) => answer.status === 503);
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(MAX_IN_FLIGHT);
      expect(shed).toHaveLength(4);
      for (const answer of shed) {
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(answer.headers.get('cache-control')).toBe('no-store');
        expect(answer.body).toMatchObject({
          type: 'urn:bff:problem:overloaded',
          status: 503,
          code: 'OVERLOADED',
          reason: 'balancer-limit',
        });
        // Refused without waiting for a slot: well inside the admitted requests' time.
        expect(answer.elapsedMs).toBeLessThan(SLOW_MS / 2);
      }
      // Once they are done, the slots are free again.
      expect((await request(`${url}/slow`)).status).toBe(200);
    } finally {
      await nginx.stop();
    }
  });

  it("passes a replica's own 503 through untouched", async () => {
    const { url, nginx } = await balancer([replicaHost]);
    try {
      const answer = await request(`${url}/own-503`);

      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.body).toEqual({ code: 'UPSTREAM_UNAVAILABLE', status: 503, from: 'replica' });
    } finally {
      await nginx.stop();
    }
  });

  it('answers 503 UPSTREAM_UNAVAILABLE problem+json, not an HTML page, when no replica can be reached', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const { url, nginx } = await balancer([closed]);
    try {
      const answer = await request(`${url}/product-details/1`);

      expect(answer.status).toBe(503);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
    } finally {
      await nginx.stop();
    }
  });
});
