#!/usr/bin/env node
/**
 * `npm start`: builds the seven apps and the browser app, runs the five demo services
 * and both BFFs wired together (the web BFF also serving the browser app at `/`, from
 * `WEB_APP_DIR`), and stays in the foreground until Ctrl-C. Exits 0 when stopped by a signal,
 * 1 when the build fails, an app does not come up, or an app dies on its own.
 *
 * Every app inherits `AMQP_URL` and `AMQP_QUEUE_PREFIX`, so the shipping and review
 * services and both gateways meet on one RabbitMQ under one prefix: unset, the local
 * broker (`amqp://guest:guest@127.0.0.1:5672`) and the default prefix `bff.`.
 *
 *   npm start                       # ports 3000, 3001, 4001-4005, and 5003 for inventory's gRPC
 *   WEB_BFF_PORT=8080 npm start     # any *_PORT variable moves one app; 0 picks a free port
 *   npm start -- --skip-build       # reuse the bundles already in dist/
 *   npm start -- --tls              # both gateways on HTTPS (HTTP/2 and HTTP/1.1), with a new
 *                                   # self-signed certificate in tmp/dev-tls/
 */
import { relative, resolve } from 'node:path';
import { makeDevCertificate } from './lib/dev-certificate.mjs';
import { builtWebApp, fail, parseCommandLine, runInForeground, seconds } from './lib/foreground.mjs';
import { createLinePrinter } from './lib/prefixed-lines.mjs';
import { STACK_APPS, STACK_PORTS, Stack, WORKSPACE_ROOT, readPorts } from './lib/stack.mjs';
import { requireProjectNode } from './lib/require-node.mjs';

requireProjectNode();

const USAGE = `Usage: npm start -- [--skip-build] [--tls] [--dist <dir>] [--ready-timeout <s>] [--stop-grace <s>]

  --skip-build          run the bundles already built instead of running the Nx build first
  --tls                 serve both gateways over HTTPS (HTTP/2, HTTP/1.1 fallback) with a new
                        self-signed certificate for localhost in tmp/dev-tls/
  --dist <dir>          directory holding apps/<path>/main.js (default: dist)
  --ready-timeout <s>   how long each app may take to log "listening on" (default: 30)
  --stop-grace <s>      how long an app may take to exit after SIGTERM before SIGKILL (default: 5)

Ports: ${STACK_PORTS.map((slot) => `${slot.portEnv} (${slot.defaultPort})`).join(', ')}; 0 picks a free port.`;

const options = parseOptions();

// The gateways refuse to start without a key; locally they trust the public development
// key (what `npm run token` signs with), which they accept only on loopback, as the stack listens.
if (!process.env.AUTH_JWKS_URL && !process.env.AUTH_HS256_SECRET) process.env.AUTH_MODE ??= 'development';
const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

let ports;
try {
  ports = readPorts(process.env);
} catch (error) {
  fail(error.message);
}

let tls;
if (options.tls) {
  try {
    tls = makeDevCertificate(resolve(WORKSPACE_ROOT, 'tmp/dev-tls'));
  } catch (error) {
    fail(error.message);
  }
}

// Copies, so the web BFF's entry can be given WEB_APP_DIR once the build has run.
const apps = STACK_APPS.map((app) => ({ ...app }));
const stack = new Stack({
  apps,
  ports,
  distDir: options.dist,
  color,
  readyTimeoutMs: options.readyTimeout * 1000,
  stopGraceMs: options.stopGrace * 1000,
  gatewayEnv: tls ? { TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile } : {},
  onLine: createLinePrinter({ names: STACK_APPS.map((app) => app.name), color }),
});

/** The browser app, served by the web BFF on its own origin, once built. */
let webAppDir;
await runInForeground({
  supervisor: stack,
  what: 'the stack',
  skipBuild: options.skipBuild,
  beforeStart: () => {
    webAppDir = builtWebApp(options.dist);
    const gateway = apps.find((app) => app.name === 'web-bff');
    if (webAppDir) gateway.env = { ...gateway.env, WEB_APP_DIR: webAppDir };
  },
  onStarted: () => printSummary(stack.urls, stack.grpcTargets),
});

function printSummary(urls, grpcTargets) {
  // A gRPC service is listed twice: its URL under its name, its `host:port` target under "<name> gRPC".
  const rows = [
    ...STACK_APPS.filter((app) => !app.urlEnv),
    ...STACK_APPS.filter((app) => app.urlEnv),
  ].flatMap((app) => [
    [app.name, urls[app.name]],
    ...(app.grpc ? [[`${app.name} gRPC`, grpcTargets[app.name]]] : []),
  ]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const line = '─'.repeat(64);
  const port = (name) => new URL(urls[name]).port;
  // Over TLS: HTTP/2, trusting the development certificate (curl picks h2 by ALPN).
  const base = (name) => (tls ? `--cacert ${relative(process.cwd(), tls.certFile)} https://localhost:${port(name)}` : `localhost:${port(name)}`);
  const curl = [
    `curl ${base('web-bff')}/product-details/1`,
    `curl ${base('mobile-bff')}/product-details/1`,
    `curl ${base('mobile-bff')}/users/1 -H "Authorization: Bearer $(npm run -s token -- --client mobile --sub 1)"`,
  ];
  console.log(
    [
      line,
      ' The stack is up',
      '',
      ...rows.map(([label, address]) => `   ${label.padEnd(width)}  ${address}`),
      '',
      ...(webAppDir ? [` The web app: ${webAppUrl(urls['web-bff'])}`, ''] : []),
      ' Try',
      ...curl.map((command) => `   ${command}`),
      '',
      ' Ctrl-C stops every app.',
      line,
    ].join('\n'),
  );
}

/** The page a browser opens: the web BFF's root, as `localhost` (its session cookie is `Secure`, which browsers allow on localhost). */
function webAppUrl(gatewayUrl) {
  const url = new URL(gatewayUrl);
  url.hostname = 'localhost';
  return url.href;
}

function parseOptions() {
  const parsed = parseCommandLine(
    {
      'skip-build': { type: 'boolean', default: false },
      tls: { type: 'boolean', default: false },
      dist: { type: 'string', default: resolve(WORKSPACE_ROOT, 'dist') },
      'ready-timeout': { type: 'string', default: '30' },
      'stop-grace': { type: 'string', default: '5' },
    },
    USAGE,
  );
  return {
    skipBuild: parsed['skip-build'],
    tls: parsed.tls,
    dist: resolve(parsed.dist),
    readyTimeout: seconds('--ready-timeout', parsed['ready-timeout']),
    stopGrace: seconds('--stop-grace', parsed['stop-grace']),
  };
}
