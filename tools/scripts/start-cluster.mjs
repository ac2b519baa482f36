#!/usr/bin/env node
/**
 * `npm run start:cluster`: builds the apps, then runs two replicas of each gateway
 * behind nginx, sharing one Redis, with the five demo services, in the foreground until
 * Ctrl-C. Exits 0 when stopped by a signal, 1 when the build fails, something does not
 * come up, or a process dies on its own.
 *
 *   npm run start:cluster                          # web on :8080, mobile on :8081
 *   WEB_CLUSTER_PORT=9080 npm run start:cluster    # MOBILE_CLUSTER_PORT likewise; 0 picks a free port
 *   REDIS_URL=redis://127.0.0.1:6380 npm run start:cluster
 *   npm run start:cluster -- --skip-build
 *
 * nginx is Debian's; when it is missing, root installs it (`apt-get install -y nginx`).
 * Its configuration, pid, logs and temp files are under tmp/cluster/. Everything behind
 * nginx listens on ports the OS picks; the summary lists them.
 */
import { relative, resolve } from 'node:path';
import { Cluster, MAX_IN_FLIGHT_PER_REPLICA, readClusterPorts } from './lib/cluster.mjs';
import { findNginx } from './lib/nginx.mjs';
import { builtWebApp, fail, parseCommandLine, runInForeground, seconds } from './lib/foreground.mjs';
import { createLinePrinter } from './lib/prefixed-lines.mjs';
import { WORKSPACE_ROOT } from './lib/stack.mjs';
import { requireProjectNode } from './lib/require-node.mjs';

requireProjectNode();

const USAGE = `Usage: npm run start:cluster -- [--skip-build] [--replicas <n>] [--max-in-flight <n>] [--dist <dir>] [--ready-timeout <s>] [--stop-grace <s>]

  --skip-build          run the bundles already built instead of running the Nx build first
  --replicas <n>        replicas of each gateway (default: 2)
  --max-in-flight <n>   requests nginx passes to each replica at once; past it nginx answers
                        503 OVERLOADED itself (default: ${MAX_IN_FLIGHT_PER_REPLICA})
  --dist <dir>          directory holding apps/<path>/main.js (default: dist)
  --ready-timeout <s>   how long each app may take to log "listening on" (default: 30)
  --stop-grace <s>      how long a process may take to exit after its stop signal (default: 5)

Ports: WEB_CLUSTER_PORT (8080), MOBILE_CLUSTER_PORT (8081); 0 picks a free port.
Redis: REDIS_URL (default redis://127.0.0.1:6379), shared by every replica.`;

const options = parseOptions();

// As with `npm start`: the development key, which the gateways accept only on loopback.
if (!process.env.AUTH_JWKS_URL && !process.env.AUTH_HS256_SECRET) process.env.AUTH_MODE ??= 'development';
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let ports;
let nginxBinary;
try {
  ports = readClusterPorts(process.env);
  nginxBinary = findNginx({ install: true });
} catch (error) {
  fail(error.message);
}

// Filled in once the build has run: the web replicas serve the browser app on the balancer's origin.
const gatewayEnv = { 'web-bff': {} };

const cluster = new Cluster({
  gatewayEnv,
  ports,
  dir: resolve(WORKSPACE_ROOT, 'tmp/cluster'),
  redisUrl,
  replicas: options.replicas,
  maxInFlightPerReplica: options.maxInFlight,
  nginxBinary,
  distDir: options.dist,
  color,
  readyTimeoutMs: options.readyTimeout * 1000,
  stopGraceMs: options.stopGrace * 1000,
  onLine: createLinePrinter({ names: Cluster.processNames(options.replicas), color }),
});

await runInForeground({
  supervisor: cluster,
  what: 'nginx and the apps',
  skipBuild: options.skipBuild,
  beforeStart: () => {
    const webAppDir = builtWebApp(options.dist);
    if (webAppDir) gatewayEnv['web-bff'].WEB_APP_DIR = webAppDir;
  },
  onStarted: printSummary,
});

function printSummary() {
  const rows = [
    ...Object.entries(cluster.urls).map(([gateway, url]) => [`${gateway} (nginx)`, url]),
    ...Object.values(cluster.replicas)
      .flat()
      .map((replica) => [replica.name, `${replica.url}  metrics ${replica.metricsUrl ?? 'off'}`]),
    ...Object.entries(cluster.serviceUrls),
    ['Redis', redactedRedis(redisUrl)],
    ['nginx', `${relative(process.cwd(), cluster.nginxDir)}/ (nginx.conf, logs/access.log, logs/error.log)`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const line = '─'.repeat(64);
  const base = (gateway) => `localhost:${new URL(cluster.urls[gateway]).port}`;
  console.log(
    [
      line,
      ` The cluster is up: ${options.replicas} replicas of each gateway behind nginx`,
      '',
      ...rows.map(([label, address]) => `   ${label.padEnd(width)}  ${address}`),
      '',
      ...(gatewayEnv['web-bff'].WEB_APP_DIR ? [` The web app: http://${base('web-bff')}/`, ''] : []),
      ' Try',
      `   curl -i ${base('web-bff')}/product-details/1`,
      `   curl -i ${base('mobile-bff')}/product-details/1`,
      `   curl ${base('mobile-bff')}/users/1 -H "Authorization: Bearer $(npm run -s token -- --client mobile --sub 1)"`,
      '',
      ' Ctrl-C stops nginx and every app.',
      line,
    ].join('\n'),
  );
}

/** The Redis URL without its password, which the summary must not print. */
function redactedRedis(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(REDIS_URL)';
  }
}

function parseOptions() {
  const parsed = parseCommandLine(
    {
      'skip-build': { type: 'boolean', default: false },
      replicas: { type: 'string', default: '2' },
      'max-in-flight': { type: 'string', default: String(MAX_IN_FLIGHT_PER_REPLICA) },
      dist: { type: 'string', default: resolve(WORKSPACE_ROOT, 'dist') },
      'ready-timeout': { type: 'string', default: '30' },
      'stop-grace': { type: 'string', default: '5' },
    },
    USAGE,
  );
  const replicas = Number(parsed.replicas);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 8)
    fail(`--replicas must be 1 to 8, got "${parsed.replicas}"`);
  const maxInFlight = Number(parsed['max-in-flight']);
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    fail(`--max-in-flight must be a positive integer, got "${parsed['max-in-flight']}"`);
  return {
    skipBuild: parsed['skip-build'],
    replicas,
    maxInFlight,
    dist: resolve(parsed.dist),
    readyTimeout: seconds('--ready-timeout', parsed['ready-timeout']),
    stopGrace: seconds('--stop-grace', parsed['stop-grace']),
  };
}
