import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { STACK_APPS, WORKSPACE_ROOT, grpcPortKey } from './stack-apps.mjs';

// The app table lives beside the supervisor; callers keep importing both from here.
export { STACK_APPS, STACK_PORTS, WORKSPACE_ROOT, freePorts, grpcPortKey, readPorts } from './stack-apps.mjs';

/** Apps only listen on loopback: the stack is for a developer's machine and benchmarks. */
const HOST = '127.0.0.1';

/** Enough of a failed app's output to explain the failure without flooding the terminal. */
const TAIL_LINES = 25;

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

/**
 * Builds the stack's apps with Nx, and `alsoBuild` (projects that are not processes of
 * their own, such as the browser app a gateway serves). Nx's cache makes an unchanged
 * app cost nothing, so callers build unconditionally rather than guessing whether a
 * bundle is stale. Aborting `signal` stops the build.
 *
 * @example
 * await buildApps({ alsoBuild: ['web'] });
 */
export async function buildApps({ root = WORKSPACE_ROOT, stdio = 'inherit', signal, alsoBuild = [] } = {}) {
  // The package's declared bin, not a guessed path: it moved between Nx majors.
  const nxPackage = join(root, 'node_modules', 'nx');
  const nx = join(nxPackage, JSON.parse(readFileSync(join(nxPackage, 'package.json'), 'utf8')).bin.nx);
  const projects = [...STACK_APPS.map((app) => app.name), ...alsoBuild].join(',');
  const child = spawn(
    process.execPath,
    [nx, 'run-many', '-t', 'build', '-p', projects, '--outputStyle=static'],
    { cwd: root, stdio, signal },
  );
  const exit = await exitOf(child);
  if (exit.code !== 0) throw new Error(`the build failed (${describeExit(exit.code, exit.signal)})`);
}

/**
 * Builds a `Stack` and starts it.
 *
 * @param {object} options
 * @param {Record<string, number>} options.ports port per app name (see `readPorts`, `freePorts`)
 * @param {string} [options.distDir] where the `apps/<path>/main.js` bundles live
 * @param {(name: string, line: string, stream: 'stdout' | 'stderr') => void} [options.onLine] every line an app prints
 * @param {boolean} [options.color] let apps colour their logs
 * @param {number} [options.readyTimeoutMs] how long each app may take to log its URL (and gRPC target)
 * @param {number} [options.stopGraceMs] how long an app may take to exit after SIGTERM
 * @param {Record<string, string>} [options.gatewayEnv] extra variables for the gateways only (`TLS_CERT_FILE`, `TLS_KEY_FILE`)
 * @param {Array<object>} [options.apps] the apps to run, shaped as `STACK_APPS` (default); an entry may add
 *   `env` (variables of its own) and `logName` (the name it logs under, when `name` tells replicas apart)
 * @returns {Promise<Stack>}
 *
 * @example
 * const stack = await startStack({ ports: freePorts() });
 * await fetch(`${stack.urls['web-bff']}/product-details/1`);
 * await stack.stop();
 */
export async function startStack(options) {
  const stack = new Stack(options);
  await stack.start();
  return stack;
}

/**
 * The stack's apps as child processes. `failure` settles when an app exits on its own
 * after it was ready. `stop()` may be called at any time, also while `start()` is still
 * waiting, and ends every app: gateways first, so they stop taking requests before
 * their downstreams go away.
 */
export class Stack {
  /** @type {Record<string, string>} ready URL per app name */
  urls = {};
  /** @type {Record<string, string>} gRPC target (`host:port`) per name of an app that serves gRPC */
  grpcTargets = {};
  /** @type {Promise<{ name: string, code: number | null, signal: string | null }>} */
  failure;

  #options;
  #apps = [];
  #stopping = false;
  #reportFailure;
  #killOnExit;

  constructor({
    ports,
    distDir = join(WORKSPACE_ROOT, 'dist'),
    onLine = () => undefined,
    color = false,
    readyTimeoutMs = 30_000,
    stopGraceMs = 5_000,
    gatewayEnv = {},
    apps = STACK_APPS,
  }) {
    this.#options = { ports, distDir, onLine, color, readyTimeoutMs, stopGraceMs, gatewayEnv, apps };
    this.failure = new Promise((resolve) => (this.#reportFailure = resolve));
    // A supervisor that dies on an exception must not leave servers holding the ports.
    this.#killOnExit = () => this.#apps.forEach((app) => signalGroup(app.child, 'SIGKILL'));
    process.once('exit', this.#killOnExit);
  }

  /**
   * Starts the demo services, waits until each logs `<name> listening on <url>` (and a
   * gRPC service also `<name> gRPC listening on <host>:<port>`), then starts the
   * gateways wired to those URLs and targets. If anything fails to come up, whatever did
   * start is stopped before the error is thrown.
   */
  async start() {
    const services = this.#options.apps.filter((app) => app.urlEnv);
    const gateways = this.#options.apps.filter((app) => !app.urlEnv);
    try {
      await this.#launchAll(services, {});
      const wiring = Object.fromEntries(
        services.flatMap((app) => [
          [app.urlEnv, this.urls[app.name]],
          ...(app.grpc ? [[app.grpc.targetEnv, this.grpcTargets[app.name]]] : []),
        ]),
      );
      await this.#launchAll(gateways, { ...wiring, ...this.#options.gatewayEnv });
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Starts `apps` side by side; rejects as soon as one of them (or an earlier app) fails. */
  async #launchAll(apps, env) {
    if (this.#stopping) throw new Error('the stack was stopped while starting');
    let settled = false;
    const failedEarlier = this.failure.then(({ name, code, signal }) => {
      if (!settled)
        throw new Error(`${name} exited (${describeExit(code, signal)}) while the stack was starting`);
    });
    try {
      await Promise.race([Promise.all(apps.map((app) => this.#launch(app, env))), failedEarlier]);
    } finally {
      settled = true;
    }
  }

  /** SIGTERM to every app, SIGKILL to any still running after the grace period. */
  async stop() {
    this.#stopping = true;
    for (const tier of [this.#apps.filter((app) => !app.service), this.#apps.filter((app) => app.service)]) {
      await Promise.all(tier.map((app) => this.#terminate(app)));
    }
    process.removeListener('exit', this.#killOnExit);
  }

  /**
   * Stops one app as `stop()` would (SIGTERM, SIGKILL after the grace period), without
   * reporting its exit as a failure: for taking one replica away while the rest serve.
   */
  async stopApp(name) {
    const app = this.#apps.find((each) => each.name === name);
    if (!app) throw new Error(`no app named ${name} in this stack`);
    app.stopRequested = true;
    await this.#terminate(app);
  }

  async #launch(definition, env) {
    const { ports, distDir, onLine, color, readyTimeoutMs } = this.#options;
    const main = join(distDir, definition.root, 'main.js');
    if (!existsSync(main)) {
      throw new Error(`${definition.name}: ${relative(process.cwd(), main)} is missing; build the app first`);
    }
    const child = spawn(process.execPath, [main], {
      cwd: WORKSPACE_ROOT,
      env: {
        ...process.env,
        ...env,
        ...definition.env,
        ...(color ? {} : { NO_COLOR: '1' }),
        PORT: String(ports[definition.name] ?? definition.defaultPort),
        ...(definition.grpc && { GRPC_PORT: String(ports[grpcPortKey(definition.name)] ?? definition.grpc.defaultPort) }),
        HOST,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches only the supervisor, which
      // then stops the apps in order instead of racing their own signal handlers.
      detached: true,
    });
    const app = { name: definition.name, service: Boolean(definition.urlEnv), child, tail: [], ready: false };
    app.exited = exitOf(child);
    this.#apps.push(app);

    const logName = escapeRegExp(definition.logName ?? definition.name);
    const ready = new RegExp(`${logName} listening on (https?://[^\\s"\\\\]+)`);
    const grpcReady = new RegExp(`${logName} gRPC listening on ([^\\s"\\\\]+)`);
    // Ready once it has logged its URL and, serving gRPC, its gRPC target.
    const isReady = () =>
      this.urls[definition.name] !== undefined &&
      (!definition.grpc || this.grpcTargets[definition.name] !== undefined);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const missing = this.urls[definition.name] === undefined ? 'listening on' : 'gRPC listening on';
        reject(
          failureWithOutput(
            `${definition.name} was not ready within ${readyTimeoutMs / 1000} s (no "${missing}" line)`,
            app,
          ),
        );
      }, readyTimeoutMs);
      for (const stream of ['stdout', 'stderr']) {
        createInterface({ input: child[stream], crlfDelay: Infinity }).on('line', (line) => {
          app.tail.push(line);
          if (app.tail.length > TAIL_LINES) app.tail.shift();
          onLine(definition.name, line, stream);
          if (app.ready) return;
          const plain = line.replace(ANSI, '');
          const url = ready.exec(plain)?.[1];
          if (url) this.urls[definition.name] ??= url;
          const target = definition.grpc && grpcReady.exec(plain)?.[1];
          if (target) this.grpcTargets[definition.name] ??= target;
          if (isReady()) {
            app.ready = true;
            clearTimeout(timer);
            resolve();
          }
        });
      }
      void app.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        if (!app.ready) {
          reject(
            failureWithOutput(
              `${definition.name} exited (${describeExit(code, signal)}) before it was ready`,
              app,
            ),
          );
        } else if (!this.#stopping && !app.stopRequested) {
          this.#reportFailure({ name: definition.name, code, signal });
        }
      });
    });
  }

  async #terminate(app) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) return app.exited;
    signalGroup(app.child, 'SIGTERM');
    const killer = setTimeout(() => signalGroup(app.child, 'SIGKILL'), this.#options.stopGraceMs);
    await app.exited;
    clearTimeout(killer);
  }
}

/** "code 1" / "signal SIGKILL", for messages. */
export function describeExit(code, signal) {
  return signal ? `signal ${signal}` : `code ${code}`;
}

/** Resolves once the process has exited and its output pipes are drained. */
function exitOf(child) {
  return new Promise((resolve) => {
    // Only a failed spawn ends without 'close'; other errors (a failed kill, an abort) are followed by it.
    child.on('error', (error) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
}

function signalGroup(child, signal) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone between the check and the signal.
  }
}

function failureWithOutput(message, app) {
  const output = app.tail.length
    ? `\n  last output of ${app.name}:\n${app.tail.map((l) => `    ${l}`).join('\n')}`
    : '';
  return new Error(message + output);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
