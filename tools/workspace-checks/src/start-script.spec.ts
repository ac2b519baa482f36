import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeScript } from './node-script';

const SCRIPT = 'tools/scripts/start.mjs';
/**
 * The client gateways of the stack's table, read from its text (a script's ES module does
 * not load in this CommonJS suite): a client added by `nx g @bff/nx-plugin:client-bff`
 * gets its line there, and `npm start` runs it like the others.
 */
const GATEWAYS = [
  ...readFileSync(join(__dirname, '../../scripts/lib/stack-apps.mjs'), 'utf8').matchAll(
    /\{ name: '([\w-]+-bff)', root: '([^']+)', portEnv: '(\w+)'/g,
  ),
].map(([, name, root, portEnv]) => ({ name, root, portEnv }));
const APP_ROOTS = [
  'apps/demo/product-service',
  'apps/demo/review-service',
  'apps/demo/inventory-service',
  'apps/demo/user-service',
  'apps/demo/shipping-service',
  ...GATEWAYS.map((gateway) => gateway.root),
];
const SERVICE_URL_ENV = {
  'product-service': 'PRODUCT_SERVICE_URL',
  'review-service': 'REVIEW_SERVICE_URL',
  'inventory-service': 'INVENTORY_SERVICE_URL',
  'user-service': 'USER_SERVICE_URL',
  'shipping-service': 'SHIPPING_SERVICE_URL',
};
const FREE_PORTS = {
  ...Object.fromEntries(GATEWAYS.map((gateway) => [gateway.portEnv, '0'])),
  PRODUCT_SERVICE_PORT: '0',
  REVIEW_SERVICE_PORT: '0',
  INVENTORY_SERVICE_PORT: '0',
  INVENTORY_GRPC_PORT: '0',
  USER_SERVICE_PORT: '0',
  SHIPPING_SERVICE_PORT: '0',
};
const READY = /Ctrl-C stops every app\./;

interface FakeAppReply {
  name: string;
  pid: number;
  env: Record<string, string | undefined>;
}

describe('npm start (tools/scripts/start.mjs) supervising the stack', () => {
  it('reads both client gateways from the stack’s table', () => {
    expect(GATEWAYS.map((gateway) => gateway.name)).toEqual(expect.arrayContaining(['web-bff', 'mobile-bff']));
  });

  let workDir: string;
  let distDir: string;
  let pidDir: string;
  let script: NodeScript | undefined;

  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'start-script-'));
    distDir = join(workDir, 'dist');
    const fakeApp = pathToFileURL(join(__dirname, 'fixtures', 'fake-app.mjs')).href;
    for (const root of APP_ROOTS) {
      mkdirSync(join(distDir, root), { recursive: true });
      writeFileSync(join(distDir, root, 'main.js'), `import(${JSON.stringify(fakeApp)});\n`);
    }
  });

  beforeEach(() => {
    pidDir = mkdtempSync(join(workDir, 'pids-'));
  });

  afterEach(async () => {
    await script?.dispose();
    script = undefined;
    // Whatever a failed test left behind must not keep running after the suite.
    for (const file of survivors()) process.kill(pidOf(file), 'SIGKILL');
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  function start(env: Record<string, string> = {}, extraArgs: string[] = []): NodeScript {
    const args = [
      '--skip-build',
      '--dist',
      distDir,
      '--ready-timeout',
      '10',
      '--stop-grace',
      '1',
      ...extraArgs,
    ];
    script = new NodeScript(SCRIPT, args, { ...FREE_PORTS, FAKE_APP_PID_DIR: pidDir, ...env });
    return script;
  }

  function summaryUrl(output: string, name: string): string {
    const match = new RegExp(`^\\s+${name}\\s+(http://127\\.0\\.0\\.1:\\d+)$`, 'm').exec(output);
    if (!match) throw new Error(`no URL for ${name} in:\n${output}`);
    return match[1];
  }

  function summaryGrpcTarget(output: string, name: string): string {
    const match = new RegExp(`^\\s+${name} gRPC\\s+(127\\.0\\.0\\.1:\\d+)$`, 'm').exec(output);
    if (!match) throw new Error(`no gRPC target for ${name} in:\n${output}`);
    return match[1];
  }

  /** Whether something accepts TCP connections at `host:port`. */
  function accepts(target: string): Promise<boolean> {
    const [host, port] = target.split(':');
    return new Promise((resolve) => {
      const socket = connect(Number(port), host, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }

  /** Apps that wrote a pid file and are still alive (the supervisor must leave none). */
  function pidOf(file: string): number {
    return Number(readFileSync(join(pidDir, file), 'utf8'));
  }

  function survivors(): string[] {
    return readdirSync(pidDir).filter((file) => {
      try {
        process.kill(pidOf(file), 0);
        return true;
      } catch {
        return false;
      }
    });
  }

  it('wires both BFFs to the five demo services and inventory gRPC, and prints every URL with curl examples', async () => {
    const running = start();
    await running.waitForStdout(READY);

    for (const bff of ['web-bff', 'mobile-bff']) {
      const reply = (await (await fetch(summaryUrl(running.stdout, bff))).json()) as FakeAppReply;
      expect(reply.name).toBe(bff);
      for (const [service, variable] of Object.entries(SERVICE_URL_ENV)) {
        expect(reply.env[variable]).toBe(summaryUrl(running.stdout, service));
      }
      expect(reply.env['INVENTORY_GRPC_URL']).toBe(summaryGrpcTarget(running.stdout, 'inventory-service'));
    }
    const inventoryGrpc = summaryGrpcTarget(running.stdout, 'inventory-service');
    expect(await accepts(inventoryGrpc)).toBe(true);
    const webPort = new URL(summaryUrl(running.stdout, 'web-bff')).port;
    const mobilePort = new URL(summaryUrl(running.stdout, 'mobile-bff')).port;
    expect(running.stdout).toContain(`curl localhost:${webPort}/product-details/1`);
    expect(running.stdout).toContain(`curl localhost:${mobilePort}/product-details/1`);
    expect(running.stdout).toContain(`curl localhost:${mobilePort}/users/1 -H "Authorization: Bearer`);
  });

  it('hands the RabbitMQ settings of its environment to the AMQP services and both BFFs', async () => {
    const amqp = { AMQP_URL: 'amqp://guest:guest@127.0.0.1:5673', AMQP_QUEUE_PREFIX: 'start-check.' };
    const running = start(amqp);
    await running.waitForStdout(READY);

    for (const app of ['shipping-service', 'review-service', 'web-bff', 'mobile-bff']) {
      const reply = (await (await fetch(summaryUrl(running.stdout, app))).json()) as FakeAppReply;
      expect(reply.env).toMatchObject(amqp);
    }
  });

  it("prefixes each app's output with its name and strips colours when not on a terminal", async () => {
    const running = start();
    await running.waitForStdout(READY);

    expect(running.stdout).toMatch(
      /^inventory-service │ \[Nest\] \d+ {2}- \[inventory-service\] inventory-service listening on/m,
    );
    expect(running.stdout).toMatch(
      /^inventory-service │ \[Nest\] \d+ {2}- \[inventory-service\] inventory-service gRPC listening on 127\.0\.0\.1:\d+$/m,
    );
    expect(running.stdout).toMatch(/^web-bff {11}│ .*web-bff listening on/m);
    expect(running.stdout).not.toContain('\x1b[');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops every app on %s and exits 0', async (signal) => {
    const running = start();
    await running.waitForStdout(READY);
    expect(survivors()).toHaveLength(APP_ROOTS.length);

    running.kill(signal);

    await expect(running.exited).resolves.toEqual({ code: 0, signal: null });
    expect(survivors()).toEqual([]);
  });

  it('kills an app that ignores SIGTERM once the grace period is over', async () => {
    const running = start({ FAKE_APP_FAULTS: 'web-bff=ignore-sigterm' });
    await running.waitForStdout(READY);

    running.kill('SIGTERM');

    await expect(running.exited).resolves.toEqual({ code: 0, signal: null });
    expect(running.stdout).toContain('web-bff ignores SIGTERM');
    expect(survivors()).toEqual([]);
  });

  it('exits 1 naming the app that died before it was ready, with its output, and stops the others', async () => {
    const running = start({ FAKE_APP_FAULTS: 'review-service=exit-before-ready' });

    await expect(running.exited).resolves.toEqual({ code: 1, signal: null });
    expect(running.stderr).toContain('review-service exited (code 3) before it was ready');
    expect(running.stderr).toContain('PRODUCT_SERVICE_URL must be an http(s) URL');
    expect(running.stdout).not.toMatch(READY);
    expect(survivors()).toEqual([]);
  });

  it('exits 1 when an app is not ready in time, and stops the others', async () => {
    // Long enough for the healthy apps to get ready on a loaded machine, so only the
    // one that never does is named.
    const running = start({ FAKE_APP_FAULTS: 'user-service=never-ready' }, ['--ready-timeout', '5']);

    await expect(running.exited).resolves.toEqual({ code: 1, signal: null });
    expect(running.stderr).toContain('user-service was not ready within 5 s');
    expect(running.stderr).not.toMatch(/(product|review|inventory|shipping)-service was not ready|bff was not ready/);
    expect(survivors()).toEqual([]);
  });

  it('exits 1 when a gRPC service never logs its gRPC target, and stops the others', async () => {
    const running = start({ FAKE_APP_FAULTS: 'inventory-service=no-grpc-line' }, ['--ready-timeout', '5']);

    await expect(running.exited).resolves.toEqual({ code: 1, signal: null });
    expect(running.stderr).toContain('inventory-service was not ready within 5 s (no "gRPC listening on" line)');
    expect(running.stdout).not.toMatch(READY);
    expect(survivors()).toEqual([]);
  });

  it('stops the other apps and exits 1 when an app dies after start-up', async () => {
    const running = start({ FAKE_APP_FAULTS: 'inventory-service=crash-after-ready' });
    await running.waitForStdout(READY);
    process.kill(pidOf('inventory-service.pid'), 'SIGUSR2');

    await expect(running.exited).resolves.toEqual({ code: 1, signal: null });
    expect(running.stderr).toContain('inventory-service exited unexpectedly (code 7)');
    expect(survivors()).toEqual([]);
  });

  it('rejects a port variable that is not a port before starting anything', async () => {
    const running = start({ WEB_BFF_PORT: 'eighty' });

    await expect(running.exited).resolves.toEqual({ code: 1, signal: null });
    expect(running.stderr).toContain('WEB_BFF_PORT must be a port number from 0 to 65535, got "eighty"');
    expect(readdirSync(pidDir)).toEqual([]);
  });

  it('rejects two apps asking for the same port', async () => {
    const running = start({ WEB_BFF_PORT: '3900', MOBILE_BFF_PORT: '3900' });

    await expect(running.exited).resolves.toEqual({ code: 1, signal: null });
    expect(running.stderr).toContain('WEB_BFF_PORT and MOBILE_BFF_PORT both ask for port 3900');
  });

  it('checks the gRPC port like the others: a port number, not shared', async () => {
    const invalid = start({ INVENTORY_GRPC_PORT: '70000' });
    await expect(invalid.exited).resolves.toEqual({ code: 1, signal: null });
    expect(invalid.stderr).toContain('INVENTORY_GRPC_PORT must be a port number from 0 to 65535, got "70000"');
    await invalid.dispose();

    const clash = start({ INVENTORY_SERVICE_PORT: '3901', INVENTORY_GRPC_PORT: '3901' });
    await expect(clash.exited).resolves.toEqual({ code: 1, signal: null });
    expect(clash.stderr).toContain('INVENTORY_SERVICE_PORT and INVENTORY_GRPC_PORT both ask for port 3901');
    expect(readdirSync(pidDir)).toEqual([]);
  });
});
