import { rmSync } from 'node:fs';
import { SERVERS, Unavailable } from './peers.mjs';
import { ServerProcess, freePort } from './server-process.mjs';

/** A BFF bundle may be mid-rebuild (dist/ is shared with other work): one more try after this. */
const RETRY_AFTER_MS = 3_000;

/**
 * The servers of one run, started on first use (each after what it needs) on the server
 * CPU, one at a time so start-up times are not inflated by each other, and stopped
 * together at the end.
 *
 * @example
 * const fleet = new Fleet({ pinning, distDir });
 * const mobile = await fleet.get('mobile-bff'); // starts the fake downstream first
 * await fleet.stopAll();
 */
export class Fleet {
  /** @type {Map<string, Promise<ServerProcess>>} */
  #starting = new Map();
  /** @type {Map<string, ServerProcess>} */
  #ready = new Map();
  /** @type {Map<string, Error>} */
  #failed = new Map();
  #all = new Set();
  #queue = Promise.resolve();

  constructor({ pinning, distDir, onStart = () => undefined }) {
    this.pinning = pinning;
    this.distDir = distDir;
    this.onStart = onStart;
    // A bench that dies on an exception must not leave servers holding ports.
    this.killAll = () => this.#all.forEach((server) => server.kill());
    process.once('exit', this.killAll);
  }

  /** The named server, started if it is not yet; rejects (every time) if it could not start. */
  get(name) {
    if (!this.#starting.has(name)) this.#starting.set(name, this.#start(name));
    return this.#starting.get(name);
  }

  /** The named server if it is up, else undefined; never starts anything. */
  running(name) {
    const server = this.#ready.get(name);
    return server && !server.exited ? server : undefined;
  }

  /** Every server that came up, by name, in start order. */
  get started() {
    return [...this.#ready];
  }

  /** The pids of every server still running: the bench's own load on the machine. */
  get pids() {
    return [...this.#ready.values()].filter((server) => !server.exited).map((server) => server.pid);
  }

  /** Every server that could not start, by name, with why. */
  get failed() {
    return [...this.#failed];
  }

  async stop(name) {
    const server = this.#ready.get(name);
    if (server) await this.#stopServer(server);
  }

  /** Gateways first, so they stop taking requests before their downstreams go. */
  async stopAll() {
    const servers = [...this.#ready.entries()];
    const tiers = [
      servers.filter(([name]) => SERVERS[name].kind !== 'downstream'),
      servers.filter(([name]) => SERVERS[name].kind === 'downstream'),
    ];
    for (const tier of tiers) await Promise.all(tier.map(([, server]) => this.#stopServer(server)));
    process.removeListener('exit', this.killAll);
  }

  async #start(name) {
    const definition = SERVERS[name];
    if (!definition) throw new Error(`no server named "${name}"`);
    for (let attempt = 1; ; attempt++) {
      try {
        const server = await this.#launch(name, definition);
        this.#ready.set(name, server);
        this.onStart(name, server);
        return server;
      } catch (error) {
        if (error instanceof Unavailable || definition.kind !== 'bff' || attempt === 2) {
          this.#failed.set(name, error);
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
      }
    }
  }

  async #launch(name, definition) {
    const port = await freePort();
    const spec = await definition.spec({ port, fleet: this, distDir: this.distDir });
    // Dependencies were started inside spec(); this server starts alone after them.
    const turn = this.#queue.then(async () => {
      const server = new ServerProcess({ name, ...spec, port });
      server.label = definition.label;
      server.kind = definition.kind;
      server.scratchDir = spec.scratchDir;
      this.#all.add(server);
      try {
        await server.start(this.pinning);
      } catch (error) {
        await this.#stopServer(server);
        throw error;
      }
      return server;
    });
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #stopServer(server) {
    await server.stop();
    if (server.scratchDir) rmSync(server.scratchDir, { recursive: true, force: true });
  }
}
