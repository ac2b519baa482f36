import { DOWNSTREAM_SERVICES, type DownstreamServiceApp } from '@bff/downstream-contracts';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './workspace-root';

/**
 * Where `nx build` leaves each app's bundle, relative to the workspace root: the
 * two gateways, and each demo service of `DOWNSTREAM_SERVICES`.
 */
export const APP_BUNDLES: Readonly<Record<'web-bff' | 'mobile-bff' | DownstreamServiceApp, string>> = {
  'web-bff': 'dist/apps/web-bff/main.js',
  'mobile-bff': 'dist/apps/mobile-bff/main.js',
  ...(Object.fromEntries(
    Object.values(DOWNSTREAM_SERVICES).map(({ app, root }) => [app, `dist/${root}/main.js`]),
  ) as Record<DownstreamServiceApp, string>),
};

export type AppName = keyof typeof APP_BUNDLES;

/**
 * Any client's gateway, `<client>-bff`, including one `nx g @bff/nx-plugin:client-bff`
 * added: `nx build` leaves it in `dist/apps/<client>-bff/main.js`.
 */
export type GatewayName = `${string}-bff`;

/** Where the app's bundle is: its entry of `APP_BUNDLES`, or a gateway's by its name. */
function bundleOf(name: AppName | GatewayName): string {
  return Object.hasOwn(APP_BUNDLES, name) ? APP_BUNDLES[name as keyof typeof APP_BUNDLES] : `dist/apps/${name}/main.js`;
}

// Apps run with NO_COLOR, so the URL ends at whitespace or the quote of a JSON log line;
// an app given TLS_CERT_FILE and TLS_KEY_FILE logs an https:// one.
const READY_LINE = /listening on (https?:\/\/[^\s"\\]+)/;
// A service that also serves gRPC logs its target (`host:port`) before its ready line.
const GRPC_LINE = / gRPC listening on ([^\s"\\]+)/;
// A gateway logs its management port's metrics URL before its ready line.
const METRICS_LINE = / metrics served at (http:\/\/[^\s"\\]+)/;

/** The apps that serve gRPC too, each started on a free gRPC port as on a free HTTP one. */
const GRPC_APPS: ReadonlySet<string> = new Set(
  Object.values(DOWNSTREAM_SERVICES).flatMap((entry) => ('grpc' in entry ? [entry.app] : [])),
);

/**
 * A built app running as its own process on a free port, as in production: the
 * suite talks to it over HTTP only.
 *
 * @example
 * const product = await AppProcess.start('product-service');
 * await fetch(`${product.url}/products/1`);
 * await product.stop();
 */
export class AppProcess {
  private output = '';
  private exited: Promise<void>;
  /** The gRPC target (`host:port`) of an app that serves gRPC, from the line it logged before it was ready. */
  grpcTarget?: string;
  /** A gateway's `GET /metrics` URL on its management port, from the line it logged before it was ready. */
  metricsUrl?: string;

  private constructor(
    readonly name: AppName | GatewayName,
    private readonly child: ChildProcess,
    public url = '',
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /**
   * Starts the app with `PORT=0` (and, serving gRPC, `GRPC_PORT=0`; a gateway,
   * `METRICS_PORT=0`) on 127.0.0.1 and resolves once it logs its URL. A
   * variable given as `undefined` is left unset. A gateway given no key of its own
   * (`AUTH_JWKS_URL`, `AUTH_HS256_SECRET`) and no `AUTH_MODE` runs on the development
   * key (`AUTH_MODE=development`), as `npm start` runs it, except with
   * `NODE_ENV=production`; pass `AUTH_MODE: undefined` to start one with no key at all.
   */
  static async start(name: AppName | GatewayName, env: Record<string, string | undefined> = {}, timeoutMs = 20_000): Promise<AppProcess> {
    const bundle = join(workspaceRoot(), bundleOf(name));
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run "npx nx build ${name}" first.`);
    const child = spawn(process.execPath, [bundle], {
      cwd: workspaceRoot(),
      env: definedOnly({
        PATH: process.env['PATH'] ?? '',
        PORT: '0',
        ...(GRPC_APPS.has(name) && { GRPC_PORT: '0' }),
        ...(isGateway(name) && { METRICS_PORT: '0' }),
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        NO_COLOR: '1',
        ...authDefaultFor(name, env),
        ...env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(name, child);
    await app.waitUntilReady(timeoutMs);
    return app;
  }

  /** Everything the process printed so far (for assertions and failure messages). */
  get logs(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Graceful stop (SIGTERM), escalating to SIGKILL; afterwards its port refuses connections. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(killer);
  }

  private waitUntilReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = READY_LINE.exec(this.output);
        if (match?.[1] && !this.url) {
          this.url = match[1];
          this.grpcTarget = GRPC_LINE.exec(this.output.slice(0, match.index))?.[1];
          this.metricsUrl = METRICS_LINE.exec(this.output.slice(0, match.index))?.[1];
          if (GRPC_APPS.has(this.name) && !this.grpcTarget) {
            fail('logged its URL without a "gRPC listening on" line before it');
            return;
          }
          clearTimeout(timer);
          resolve();
        }
      };
      const fail = (why: string) => {
        clearTimeout(timer);
        this.child.kill('SIGKILL');
        reject(new Error(`${this.name} ${why}. Output:\n${this.output}`));
      };
      this.child.stdout?.on('data', onData);
      this.child.stderr?.on('data', onData);
      this.child.once('exit', (code, signal) => {
        if (!this.url) fail(`exited (${signal ?? code}) before it was ready`);
      });
    });
  }
}

/** Every client's gateway is named `<client>-bff`; no demo service is. */
const isGateway = (name: AppName | GatewayName): name is GatewayName => name.endsWith('-bff');

function authDefaultFor(name: AppName | GatewayName, env: Record<string, string | undefined>): Record<string, string> {
  const ownKey = 'AUTH_MODE' in env || env['AUTH_JWKS_URL'] !== undefined || env['AUTH_HS256_SECRET'] !== undefined;
  return isGateway(name) && !ownKey && env['NODE_ENV'] !== 'production' ? { AUTH_MODE: 'development' } : {};
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
