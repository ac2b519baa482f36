import { createServer } from 'node:net';
import { Nginx, findNginx } from './nginx.mjs';
import { nginxConfig } from './nginx-config.mjs';
import { STACK_APPS, Stack, freePorts } from './stack.mjs';

/** Loopback only, like the stack: the cluster is for a developer's machine and tests. */
const HOST = '127.0.0.1';

/** The balancer's public ports, one per gateway; `0` picks a free port. */
export const CLUSTER_PORTS = [
  { key: 'web-bff', portEnv: 'WEB_CLUSTER_PORT', defaultPort: 8080 },
  { key: 'mobile-bff', portEnv: 'MOBILE_CLUSTER_PORT', defaultPort: 8081 },
];

/** nginx is the one proxy in front: the gateways read the client address it passes on. */
const TRUSTED_PROXIES = '127.0.0.1/32';

const METRICS_LINE = / metrics served at (http:\/\/[^\s"\\]+)/;
const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

/**
 * Reads the public ports from `WEB_CLUSTER_PORT` and `MOBILE_CLUSTER_PORT` (defaults
 * 8080 and 8081), refusing what is not a port and one port asked for twice.
 *
 * @example
 * readClusterPorts({ WEB_CLUSTER_PORT: '9080' }); // { 'web-bff': 9080, 'mobile-bff': 8081 }
 */
export function readClusterPorts(env) {
  const ports = {};
  for (const slot of CLUSTER_PORTS) {
    const raw = env[slot.portEnv]?.trim();
    const port = raw === undefined || raw === '' ? slot.defaultPort : Number(raw);
    if (!/^\d+$/.test(String(raw || port)) || port > 65_535) {
      throw new Error(`${slot.portEnv} must be a port number from 0 to 65535, got "${raw}"`);
    }
    ports[slot.key] = port;
  }
  if (ports['web-bff'] !== 0 && ports['web-bff'] === ports['mobile-bff']) {
    throw new Error(`WEB_CLUSTER_PORT and MOBILE_CLUSTER_PORT both ask for port ${ports['web-bff']}`);
  }
  return ports;
}

/**
 * Requests nginx passes to one replica at once: twice a gateway's largest admission
 * limit (`ADMISSION_MAX_LIMIT`, 128), so a replica still queues within its route budgets
 * what it cannot start yet, and only what would wait past them is refused by nginx, fast.
 */
export const MAX_IN_FLIGHT_PER_REPLICA = 256;

/**
 * Several replicas of each gateway behind nginx, sharing one Redis, with the demo
 * services they call: what `npm run start:cluster` runs and what the cluster e2e suite
 * tests. Everything behind nginx listens on ports the OS picks (each replica's
 * metrics port too), so a cluster runs beside `npm start` and beside another cluster.
 *
 * Stopping goes from the outside in: nginx first (SIGQUIT, so the requests it holds
 * finish), then the gateways, then the services.
 *
 * @example
 * const cluster = new Cluster({ ports: { 'web-bff': 0, 'mobile-bff': 0 }, dir: '/tmp/cluster', redisUrl: 'redis://127.0.0.1:6379' });
 * await cluster.start();
 * await fetch(`${cluster.urls['web-bff']}/product-details/1`);
 * await cluster.stop();
 */
export class Cluster {
  /** @type {Record<string, string>} the balancer's URL per gateway */
  urls = {};
  /** @type {Record<string, Array<{ name: string, url: string, metricsUrl?: string }>>} each gateway's replicas */
  replicas = {};
  /** @type {Promise<{ name: string, code: number | null, signal: string | null }>} an app or nginx exited on its own */
  failure;

  #options;
  #stack;
  #nginx;
  #metricsUrls = {};
  #stopping = false;
  #reportFailure;

  /**
   * @param {object} options
   * @param {Record<string, number>} options.ports the balancer's port per gateway (`readClusterPorts`); 0 picks one
   * @param {string} options.dir nginx's directory: configuration, pid, logs, temp files
   * @param {string} options.redisUrl the Redis every replica shares
   * @param {number} [options.replicas] replicas per gateway (default 2)
   * @param {number} [options.maxInFlightPerReplica] requests nginx passes to each replica at once, past
   *   which it answers `503 OVERLOADED` itself (default {@link MAX_IN_FLIGHT_PER_REPLICA})
   * @param {Record<string, string>} [options.env] variables for every app (`AMQP_QUEUE_PREFIX`, `AUTH_MODE`)
   * @param {Record<string, Record<string, string>>} [options.gatewayEnv] variables per gateway name, for each of its replicas
   * @param {string} [options.nginxBinary] default: `findNginx()`
   * @param {(name: string, line: string, stream: 'stdout' | 'stderr') => void} [options.onLine] every line of every process
   * @param {string} [options.distDir]
   * @param {boolean} [options.color]
   * @param {number} [options.readyTimeoutMs]
   * @param {number} [options.stopGraceMs]
   */
  constructor({
    replicas = 2,
    maxInFlightPerReplica = MAX_IN_FLIGHT_PER_REPLICA,
    env = {},
    gatewayEnv = {},
    onLine = () => undefined,
    ...rest
  }) {
    this.#options = { replicas, maxInFlightPerReplica, env, gatewayEnv, onLine, ...rest };
    this.failure = new Promise((resolve) => (this.#reportFailure = resolve));
  }

  /** The names of the processes, for labelling their output: services, replicas, nginx. */
  static processNames(replicas = 2) {
    return [...clusterApps(replicas, {}, {}).map((app) => app.name), 'nginx'];
  }

  /** Each demo service's URL, as its process logged it. */
  get serviceUrls() {
    const services = STACK_APPS.filter((app) => app.urlEnv).map((app) => app.name);
    return Object.fromEntries(services.map((name) => [name, this.#stack?.urls[name]]));
  }

  /** Where nginx keeps its configuration, pid, logs and temp files. */
  get nginxDir() {
    return this.#options.dir;
  }

  /**
   * Starts the services, then every replica, then nginx in front of them. When
   * anything fails to come up, whatever did is stopped before the error is thrown.
   */
  async start() {
    const { ports, dir, redisUrl, replicas, maxInFlightPerReplica, env, gatewayEnv, onLine, nginxBinary, ...stackOptions } =
      this.#options;
    const publicPorts = await choosePorts(ports);
    const apps = clusterApps(replicas, env, gatewayEnv, {
      REDIS_URL: redisUrl,
      TRUSTED_PROXIES,
      METRICS_PORT: '0',
    });
    this.#stack = new Stack({
      ...stackOptions,
      apps,
      ports: { ...freePorts(), ...Object.fromEntries(apps.map((app) => [app.name, 0])) },
      onLine: (name, line, stream) => {
        const metricsUrl = METRICS_LINE.exec(line.replace(ANSI, ''))?.[1];
        if (metricsUrl) this.#metricsUrls[name] ??= metricsUrl;
        onLine(name, line, stream);
      },
    });
    try {
      await this.#stack.start();
      const gateways = [...new Set(apps.filter((app) => !app.urlEnv).map((app) => app.logName))];
      for (const gateway of gateways) {
        this.replicas[gateway] = apps
          .filter((app) => app.logName === gateway)
          .map(({ name }) => ({ name, url: this.#stack.urls[name], metricsUrl: this.#metricsUrls[name] }));
      }
      const entries = gateways.map((gateway) => ({
        name: gateway.replace(/-/g, '_'),
        listen: { host: HOST, port: publicPorts[gateway] },
        servers: this.replicas[gateway].map((replica) => new URL(replica.url).host),
        maxInFlight: maxInFlightPerReplica * this.replicas[gateway].length,
      }));
      if (this.#stopping) throw new Error('the cluster was stopped while starting');
      this.#nginx = await Nginx.start({
        binary: nginxBinary ?? findNginx(),
        dir,
        config: nginxConfig({ dir, entries }),
        ports: entries.map((entry) => entry.listen.port),
        onLine: (line, stream) => onLine('nginx', line, stream),
      });
      for (const gateway of gateways) this.urls[gateway] = `http://${HOST}:${publicPorts[gateway]}`;
    } catch (error) {
      await this.stop();
      throw error;
    }
    void this.#stack.failure.then(this.#reportFailure);
    void this.#nginx.failure.then(({ code, signal }) => this.#reportFailure({ name: 'nginx', code, signal }));
  }

  /** SIGTERM to one replica (by its name, e.g. `web-bff-2`) while the others keep serving. */
  async stopReplica(name) {
    await this.#stack.stopApp(name);
  }

  /** nginx, then the gateways, then the services. */
  async stop() {
    this.#stopping = true;
    await this.#nginx?.stop(this.#options.stopGraceMs);
    await this.#stack?.stop();
  }
}

/**
 * The stack's apps with each gateway replaced by `replicas` copies named
 * `<gateway>-<n>`, each logging under the gateway's own name.
 */
function clusterApps(replicas, env, gatewayEnv, replicaEnv = {}) {
  return STACK_APPS.flatMap((app) => {
    if (app.urlEnv) return [{ ...app, env }];
    return Array.from({ length: replicas }, (_, i) => ({
      ...app,
      name: `${app.name}-${i + 1}`,
      logName: app.name,
      env: { ...env, ...replicaEnv, ...gatewayEnv[app.name] },
    }));
  });
}

/** The balancer's ports, a free one for each 0, each checked free before anything starts. */
async function choosePorts(ports) {
  const chosen = {};
  for (const [gateway, port] of Object.entries(ports)) chosen[gateway] = await claim(port, gateway);
  return chosen;
}

function claim(port, gateway) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    const variable = CLUSTER_PORTS.find((slot) => slot.key === gateway)?.portEnv;
    probe.once('error', (error) =>
      reject(
        new Error(
          `port ${port} for ${gateway} is taken (${error.code ?? error.message}); choose another with ${variable}`,
        ),
      ),
    );
    probe.listen({ host: HOST, port, exclusive: true }, () => {
      const { port: bound } = probe.address();
      probe.close(() => resolve(bound));
    });
  });
}
