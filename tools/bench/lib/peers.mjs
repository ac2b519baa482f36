import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_IN_FLIGHT_PER_REPLICA } from '../../scripts/lib/cluster.mjs';
import { nginxConfig } from '../../scripts/lib/nginx-config.mjs';
import { STACK_APPS, WORKSPACE_ROOT } from '../../scripts/lib/stack.mjs';
import { findNginx } from '../../scripts/lib/nginx.mjs';
import { nginxArgs } from './nginx.mjs';
import { freePort } from './server-process.mjs';

/**
 * Every server the bench can start, by name: the fake downstreams, the BFFs in each
 * configuration a row needs, and the peer gateways. A definition says what it needs
 * started first and how to spawn it on a given port; `Fleet` does the starting.
 *
 * @typedef {object} ServerDefinition
 * @property {string} label shown in tables
 * @property {'downstream' | 'bff' | 'peer'} kind
 * @property {(context: { port: number, fleet: import('./fleet.mjs').Fleet, distDir: string }) => Promise<object>} spec
 */

const PEERS_DIR = fileURLToPath(new URL('../peers/', import.meta.url));

/** Where captured bodies and results go; tmp/ is gitignored. */
export const BENCH_TMP = join(WORKSPACE_ROOT, 'tmp', 'bench');

/** Thrown by a definition that cannot run on this machine: its rows are skipped, not failed. */
export class Unavailable extends Error {}

/** @type {Record<string, ServerDefinition>} */
export const SERVERS = {
  downstream: fakeDownstream(0),
  'downstream-slow': fakeDownstream(20),
  'web-bff': bff('web-bff', { cache: false }),
  'mobile-bff': bff('mobile-bff', { cache: false }),
  'web-bff-cached': bff('web-bff', { cache: true }),
  'mobile-bff-cached': bff('mobile-bff', { cache: true }),
  'mobile-bff-slow': bff('mobile-bff', {
    cache: false,
    downstream: 'downstream-slow',
    label: 'mobile-bff (20 ms parts)',
  }),
  // No admission queue: every request over the concurrency limit is turned away at once,
  // so the overload group measures the shed path itself at every level.
  'mobile-bff-no-queue': bff('mobile-bff', {
    cache: false,
    label: 'mobile-bff (ADMISSION_MAX_QUEUE=0)',
    env: { ADMISSION_MAX_QUEUE: '0' },
  }),
  // Metrics and access lines off, and the default text logs: what the operable edge costs is the difference.
  'mobile-bff-quiet': bff('mobile-bff', {
    cache: false,
    label: 'mobile-bff (no metrics, no access line)',
    env: { METRICS_ENABLED: 'false', LOG_LEVEL: 'warn' },
  }),
  // Traces on, every request sampled, exported over OTLP/HTTP to a sink that discards them:
  // what tracing costs is the difference from the metrics-on row.
  'mobile-bff-traced': bff('mobile-bff', {
    cache: false,
    label: 'mobile-bff (traces exported)',
    needs: 'otlp-sink',
    env: { OTEL_SERVICE_NAME: 'mobile-bff-bench' },
  }),
  'otlp-sink': {
    label: 'OTLP sink',
    kind: 'downstream',
    async spec({ port }) {
      return {
        command: process.execPath,
        args: [join(PEERS_DIR, 'otlp-sink.mjs')],
        env: { PORT: String(port) },
        readyPath: '/health',
      };
    },
  },
  express: nodePeer('express+axios', 'express-gateway.mjs'),
  'fastify-proxy': nodePeer('fastify http-proxy', 'fastify-proxy.mjs'),
  'fastify-bare': {
    label: 'bare fastify',
    kind: 'peer',
    async spec({ port, fleet }) {
      const page = await capturePage(fleet);
      return {
        command: process.execPath,
        args: [join(PEERS_DIR, 'fastify-bare.mjs'), '--page', page],
        env: { PORT: String(port) },
        readyPath: '/health',
      };
    },
  },
  'shed-floor': {
    label: 'bare fastify answering 503',
    kind: 'peer',
    async spec({ port }) {
      return {
        command: process.execPath,
        args: [join(PEERS_DIR, 'shed-floor.mjs')],
        env: { PORT: String(port) },
        readyPath: '/health',
      };
    },
  },
  // Each BFF as `npm run start:cluster` fronts a replica: nginx with the cluster's
  // configuration, holding the in-flight limit and answering the excess 503 itself.
  'mobile-bff-behind-nginx': behindNginx('mobile-bff'),
  'web-bff-behind-nginx': behindNginx('web-bff'),
  nginx: {
    label: 'nginx',
    kind: 'peer',
    async spec({ port, fleet }) {
      const nginx = installedNginx();
      const downstream = await fleet.get('downstream');
      const { args, dir } = nginxArgs({ port, upstreamUrl: downstream.url });
      return { command: nginx, args, readyPath: '/users/1', scratchDir: dir };
    },
  },
};

/** The names of the BFF instances, for per-BFF targets (start-up, memory). */
export const BFF_NAMES = Object.keys(SERVERS).filter((name) => SERVERS[name].kind === 'bff');

function fakeDownstream(delayMs) {
  return {
    label: delayMs ? `fake downstream (${delayMs} ms)` : 'fake downstream',
    kind: 'downstream',
    async spec({ port }) {
      const grpcPort = await freePort();
      // A queue of the run's own per downstream, gone with it (auto-delete).
      const amqpPrefix = `bench.${process.pid}.${port}.`;
      return {
        command: process.execPath,
        args: [
          join(PEERS_DIR, 'fake-downstream.mjs'),
          '--port',
          String(port),
          '--grpc-port',
          String(grpcPort),
          '--amqp-prefix',
          amqpPrefix,
          '--delay',
          String(delayMs),
        ],
        readyPath: '/users/1',
        grpcTarget: `127.0.0.1:${grpcPort}`,
        amqpPrefix,
      };
    },
  };
}

/** A BFF from dist/ as production runs it: auth on, limiter on, default log level. */
function bff(app, { cache, downstream = 'downstream', label = `${app}${cache ? ' (cache on)' : ''}`, env = {}, needs }) {
  const { root } = STACK_APPS.find((candidate) => candidate.name === app);
  return {
    label,
    kind: 'bff',
    async spec({ port, fleet, distDir }) {
      const { url, spec: downstreamSpec } = await fleet.get(downstream);
      // An OTLP sink to export to: the standard variable, as production sets it.
      const otlp = needs === 'otlp-sink' ? { OTEL_EXPORTER_OTLP_ENDPOINT: (await fleet.get('otlp-sink')).url } : {};
      return {
        command: process.execPath,
        args: [join(distDir, root, 'main.js')],
        env: {
          PORT: String(port),
          HOST: '127.0.0.1',
          PRODUCT_SERVICE_URL: url,
          REVIEW_SERVICE_URL: url,
          INVENTORY_SERVICE_URL: url,
          INVENTORY_GRPC_URL: downstreamSpec.grpcTarget,
          AMQP_QUEUE_PREFIX: downstreamSpec.amqpPrefix,
          USER_SERVICE_URL: url,
          // Several gateways run at once: each on a free management port.
          METRICS_PORT: '0',
          // As production runs: JSON logs (one access line per request), metrics on.
          LOG_FORMAT: 'json',
          RESPONSE_CACHE_ENABLED: String(cache),
          // The development key, on loopback only: the bench mints its tokens with it.
          AUTH_MODE: 'development',
          // A quota one client cannot reach: the rows measure routes, not the limiter,
          // yet every request still pays for the limiter's bookkeeping.
          RATE_LIMIT_DEFAULT: process.env.RATE_LIMIT_DEFAULT ?? 'burst=100000000/1s',
          ...otlp,
          ...env,
        },
        readyPath: '/health',
      };
    },
  };
}

/**
 * nginx, configured as `npm run start:cluster` configures it, in front of one replica of
 * `bff` (the same instance as the `bff` row): what a client of the cluster meets.
 */
function behindNginx(bff) {
  return {
    label: `${bff} behind nginx (${MAX_IN_FLIGHT_PER_REPLICA} in flight)`,
    kind: 'peer',
    async spec({ port, fleet }) {
      const nginx = installedNginx();
      const replica = await fleet.get(bff);
      const dir = mkdtempSync(join(tmpdir(), 'bench-cluster-nginx-'));
      for (const sub of ['logs', 'temp']) mkdirSync(join(dir, sub));
      const config = join(dir, 'nginx.conf');
      const entry = {
        name: bff.replace(/-/g, '_'),
        listen: { host: '127.0.0.1', port },
        servers: [new URL(replica.url).host],
        maxInFlight: MAX_IN_FLIGHT_PER_REPLICA,
      };
      writeFileSync(config, nginxConfig({ dir, entries: [entry] }));
      return {
        command: nginx,
        args: ['-p', dir, '-c', config, '-e', join(dir, 'logs', 'error.log'), '-g', 'daemon off;'],
        readyPath: '/health',
        scratchDir: dir,
      };
    },
  };
}

/** The machine's nginx (as `npm run start:cluster` finds it); without one its rows are skipped. */
function installedNginx() {
  try {
    return findNginx();
  } catch (error) {
    throw new Unavailable(error.message);
  }
}

function nodePeer(label, file) {
  return {
    label,
    kind: 'peer',
    async spec({ port, fleet }) {
      const { url } = await fleet.get('downstream');
      return {
        command: process.execPath,
        args: [join(PEERS_DIR, file)],
        env: {
          PORT: String(port),
          PRODUCT_SERVICE_URL: url,
          REVIEW_SERVICE_URL: url,
          INVENTORY_SERVICE_URL: url,
          USER_SERVICE_URL: url,
        },
        readyPath: '/users/1',
      };
    },
  };
}

/**
 * The web BFF's real product page, fetched once, for the bare Fastify route to replay.
 * Any running web BFF will do: the body does not depend on the cache setting.
 */
async function capturePage(fleet) {
  const web = fleet.running('web-bff-cached') ?? fleet.running('web-bff') ?? (await fleet.get('web-bff'));
  const response = await fetch(`${web.url}/product-details/1`);
  if (response.status !== 200)
    throw new Error(`web-bff answered ${response.status} to GET /product-details/1`);
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = join(BENCH_TMP, 'web-product-page.json');
  writeFileSync(file, await response.text());
  return file;
}
