#!/usr/bin/env node
/**
 * `npm run bench`: what a gateway hop costs. Builds the apps, starts the whole stack on
 * free loopback ports, and load-tests one route at a time (so routes never compete for
 * the CPU) with autocannon. Each gateway route is compared with the direct call to its
 * downstream measured in the same run, on the same machine:
 *
 *   routing      web-bff    GET /users/1            vs user-service    GET /users/1
 *   composition  web-bff    GET /product-details/1  vs product-service GET /products/1
 *                mobile-bff GET /product-details/1  vs product-service GET /products/1
 *
 *   npm run bench -- --duration 20 --connections 100
 *   BENCH_DURATION=5 npm run bench
 *   RESPONSE_CACHE_ENABLED=false npm run bench   # every request composes (no cache hits)
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Stack, WORKSPACE_ROOT, buildApps, describeExit, freePorts } from '../scripts/lib/stack.mjs';
import { load, probe } from './lib/measure.mjs';
import { formatTable } from './lib/table.mjs';
import { requireProjectNode } from '../scripts/lib/require-node.mjs';

requireProjectNode();

const ROUTES = [
  { id: 'users', app: 'user-service', path: '/users/1' },
  { id: 'web-users', app: 'web-bff', path: '/users/1', baseline: 'users', signedIn: 'web' },
  { id: 'product', app: 'product-service', path: '/products/1' },
  { id: 'web-details', app: 'web-bff', path: '/product-details/1', baseline: 'product' },
  { id: 'mobile-details', app: 'mobile-bff', path: '/product-details/1', baseline: 'product' },
];

const USAGE = `Usage: npm run bench -- [--duration <s>] [--connections <n>] [--warmup <s>] [--skip-build] [--dist <dir>]

  --duration <s>      measured seconds per route (default: $BENCH_DURATION or 10)
  --connections <n>   concurrent connections (default: $BENCH_CONNECTIONS or 50)
  --warmup <s>        unmeasured seconds per route before measuring, 0 for none (default: $BENCH_WARMUP or 2)
  --skip-build        use the bundles already built instead of running the Nx build first
  --dist <dir>        directory holding apps/<path>/main.js (default: dist)

The apps inherit this environment, so app settings (rate limits, cache TTLs, ...) can be
passed the same way as to npm start.`;

const options = parseOptions();
// The apps inherit this environment: one client hammering one route must measure the
// route, not the rate limiter (override RATE_LIMIT_DEFAULT to measure that instead).
process.env.RATE_LIMIT_DEFAULT ??= 'burst=100000000/1s';
const stack = new Stack({ ports: freePorts(), distDir: options.dist });
const building = new AbortController();

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal} received, stopping the stack…`);
    building.abort();
    void stack.stop().then(() => process.exit(130));
  });
}

let crashed;
void stack.failure.then((failure) => (crashed = failure));

try {
  if (!options.skipBuild) await buildApps({ signal: building.signal });
  console.log('Starting the stack on free loopback ports…');
  await stack.start();

  const perRoute = options.duration + options.warmup;
  console.log(
    `Load: ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s measured ` +
      `per route, ${ROUTES.length} routes (≈${Math.ceil((perRoute * ROUTES.length) / 60)} min)\n`,
  );
  const results = new Map();
  for (const route of ROUTES) {
    if (crashed || interrupted) break;
    const url = stack.urls[route.app] + route.path;
    process.stdout.write(`  ${label(route)} … `);
    const headers = route.signedIn ? { authorization: `Bearer ${devToken(route.signedIn)}` } : {};
    const sample = await probe(url, { headers });
    const measured = sample.error ? undefined : await load(url, { ...options, headers });
    results.set(route.id, { route, sample, measured });
    console.log(sample.error ?? `${Math.round(measured.rps).toLocaleString('en-US')} req/s`);
  }

  if (!interrupted) {
    console.log(`\n${report(results)}\n`);
    console.log(await sizes());
    if (crashed)
      throw new Error(
        `${crashed.name} exited during the run (${describeExit(crashed.code, crashed.signal)})`,
      );
  }
} catch (error) {
  if (!interrupted) {
    console.error(`✖ ${error.message}`);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await stack.stop();
}

function report(results) {
  const rows = [...results.values()].map(({ route, sample, measured }) => {
    if (!measured) return [label(route), '—', '—', '—', '—', sample.error, '—', '—', '—'];
    const baseline = route.baseline && results.get(route.baseline)?.measured;
    return [
      label(route),
      Math.round(measured.rps).toLocaleString('en-US'),
      millis(measured.p50),
      millis(measured.p99),
      measured.non2xx.toLocaleString('en-US'),
      measured.errors.toLocaleString('en-US'),
      sample.bytes.toLocaleString('en-US'),
      baseline ? ratio(measured.rps, baseline.rps) : route.baseline ? '—' : 'baseline',
      baseline ? ratio(measured.p50, baseline.p50) : route.baseline ? '—' : 'baseline',
    ];
  });
  const notes = [...results.values()]
    .filter(({ measured }) => measured?.non2xx > 0)
    .map(({ route, measured }) => {
      const statuses = Object.entries(measured.statusCounts)
        .filter(([status]) => !status.startsWith('2'))
        .map(([status, count]) => `${status} × ${count.toLocaleString('en-US')}`)
        .join(', ');
      const hint = measured.statusCounts['429']
        ? ' (a rate limit applies: raise it through the app env)'
        : '';
      return `  ${label(route)}: ${statuses}${hint}`;
    });
  return [
    formatTable(
      ['route', 'req/s', 'p50', 'p99', 'non-2xx', 'errors', 'body B', 'req/s vs direct', 'p50 vs direct'],
      rows,
    ),
    ...(notes.length ? ['', 'Non-2xx responses (their req/s is not comparable):', ...notes] : []),
    '',
    `All processes share this machine's ${availableParallelism()} CPUs: compare ratios, not absolute numbers.`,
  ].join('\n');
}

async function sizes() {
  const rows = [];
  for (const app of ['web-bff', 'mobile-bff']) {
    const url = `${stack.urls[app]}/product-details/1`;
    const [plain, gzip] = [await probe(url), await probe(url, { acceptEncoding: 'gzip' })];
    if (plain.error) {
      rows.push([app, plain.error, '', '']);
      continue;
    }
    rows.push([
      app,
      String(plain.status),
      plain.bytes.toLocaleString('en-US'),
      gzip.encoding === 'gzip' ? gzip.bytes.toLocaleString('en-US') : 'not compressed',
    ]);
  }
  const [web, mobile] = rows.map((row) => Number(String(row[2]).replaceAll(',', '')));
  const comparison =
    web > 0 && mobile > 0 ? [`mobile-bff body is ${Math.round((mobile / web) * 100)}% of web-bff's`] : [];
  return [
    'Response size of GET /product-details/1',
    formatTable(['app', 'status', 'body B', 'gzip B'], rows),
    ...comparison,
  ].join('\n');
}

/** A development token for user 1, as `npm run token` mints it. */
function devToken(client) {
  const script = resolve(WORKSPACE_ROOT, 'tools/scripts/token.mjs');
  return execFileSync(process.execPath, [script, '--client', client, '--sub', '1'], { encoding: 'utf8' }).trim();
}

function label(route) {
  return `${route.app.padEnd(15)} GET ${route.path}`;
}

function millis(value) {
  return Number.isInteger(value) ? `${value} ms` : `${value.toFixed(1)} ms`;
}

function ratio(value, baseline) {
  return baseline > 0 ? `${(value / baseline).toFixed(2)}×` : '—';
}

function parseOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
        connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '50' },
        warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '2' },
        'skip-build': { type: 'boolean', default: false },
        dist: { type: 'string', default: resolve(WORKSPACE_ROOT, 'dist') },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    fail(`${error.message}\n\n${USAGE}`);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    duration: number('--duration', parsed.duration, { min: 1 }),
    connections: number('--connections', parsed.connections, { min: 1, integer: true }),
    warmup: number('--warmup', parsed.warmup, { min: 0 }),
    skipBuild: parsed['skip-build'],
    dist: resolve(parsed.dist),
  };
}

function number(flag, raw, { min, integer = false }) {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    fail(`${flag} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`);
  }
  return value;
}

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}
