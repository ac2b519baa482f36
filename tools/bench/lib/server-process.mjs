import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { describeExit } from '../../scripts/lib/stack.mjs';
import { serverCommand } from './pinning.mjs';

/** Enough of a failed server's output to explain the failure. */
const TAIL_LINES = 25;
/** How often readiness is polled: fine enough to time a start-up of a few hundred ms. */
const POLL_MS = 10;

/**
 * A server under test as a child process on the server CPU. Readiness is the first 200
 * on `readyPath`, polled every 10 ms from the moment of spawning, so `startMs` is
 * start-to-ready as a client sees it (not when the server says it listens).
 * `loadSeconds` counts every second of load (warm-up included) the process has seen.
 */
export class ServerProcess {
  /** @type {string} */ url;
  /** @type {number} */ startMs;
  loadSeconds = 0;
  tail = [];

  #child;
  #exited;
  /** How the process ended, once it has. */
  #exit;

  /**
   * @param {object} spec
   * @param {string} spec.name shown in the report
   * @param {string} spec.command executable (process.execPath for Node servers)
   * @param {string[]} spec.args
   * @param {Record<string, string>} [spec.env] added to this process's environment
   * @param {string} spec.readyPath polled until it answers 200
   * @param {number} spec.port the port the server was told to listen on
   */
  constructor(spec) {
    this.spec = spec;
    this.name = spec.name;
    this.url = `http://127.0.0.1:${spec.port}`;
  }

  get pid() {
    return this.#child?.pid;
  }

  /** Whether the process has exited (on its own or stopped). */
  get exited() {
    return (
      this.#exit !== undefined ||
      (this.#child !== undefined && (this.#child.exitCode !== null || this.#child.signalCode !== null))
    );
  }

  /**
   * Spawns the server and resolves once it answers, rejecting with its last output when
   * it exits first or is not ready within `timeoutMs`.
   *
   * @example
   * const server = new ServerProcess({ name: 'express', command: process.execPath, args: ['gw.mjs'], port, readyPath: '/users/1' });
   * await server.start(pinning);
   * console.log(server.startMs);
   */
  async start(pinning, { timeoutMs = 30_000 } = {}) {
    const [file, args] = serverCommand(pinning, this.spec.command, this.spec.args);
    const started = performance.now();
    this.#child = spawn(file, args, {
      env: { ...process.env, NO_COLOR: '1', ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: stop() reaches nginx's workers too, and a terminal's
      // Ctrl-C reaches only the bench, which then stops the servers itself.
      detached: true,
    });
    this.#exited = new Promise((resolve) => {
      const settle = (exit) => resolve((this.#exit ??= exit));
      // Only a failed spawn ends without 'close'; other errors are followed by it.
      this.#child.on('error', (error) => this.#child.pid === undefined && settle({ error }));
      this.#child.once('close', (code, signal) => settle({ code, signal }));
    });
    for (const stream of [this.#child.stdout, this.#child.stderr]) {
      // Drained line by line so a chatty server never blocks on a full pipe.
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.tail.push(line);
        if (this.tail.length > TAIL_LINES) this.tail.shift();
      });
    }
    const deadline = started + timeoutMs;
    for (;;) {
      const exit = this.#exit;
      if (exit) {
        throw this.#failure(
          `exited (${exit.error?.message ?? describeExit(exit.code, exit.signal)}) before it was ready`,
        );
      }
      if ((await status(this.url + this.spec.readyPath)) === 200) break;
      if (performance.now() > deadline) {
        await this.stop();
        throw this.#failure(`was not ready within ${timeoutMs / 1000} s`);
      }
      await delay(POLL_MS);
    }
    this.startMs = performance.now() - started;
  }

  /** SIGTERM to the process group, SIGKILL after `graceMs`. */
  async stop({ graceMs = 5_000 } = {}) {
    if (!this.#child) return;
    if (this.exited) return void (await this.#exited);
    this.#signal('SIGTERM');
    const killer = setTimeout(() => this.#signal('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(killer);
  }

  /** For a process 'exit' handler: no waiting possible there. */
  kill() {
    if (this.#child && !this.exited) this.#signal('SIGKILL');
  }

  #signal(signal) {
    try {
      process.kill(-this.#child.pid, signal);
    } catch {
      // Already gone.
    }
  }

  #failure(message) {
    const output = this.tail.length ? `\n  last output:\n${this.tail.map((l) => `    ${l}`).join('\n')}` : '';
    return new Error(`${this.name} ${message}${output}`);
  }
}

/**
 * A port that was free a moment ago. The server is told the port up front so readiness
 * can be polled from the first millisecond, before it prints anything.
 *
 * @example
 * const port = await freePort();
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The status of one GET, or 0 when it fails (refused while the server starts). */
function status(url) {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(0));
    });
    req.setTimeout(1_000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
