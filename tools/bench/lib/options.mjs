import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WORKSPACE_ROOT } from '../../scripts/lib/stack.mjs';
import { GROUP_IDS } from './groups.mjs';

export const USAGE = `Usage: npm run bench -- [--only <group,...>] [--[no-]overload] [--duration <s>] [--connections <n>]
                         [--warmup <s>] [--skip-build] [--dist <dir>]

Benchmarks web-bff and mobile-bff against peer gateways in one run, one route at a time:

  proxy        GET /users/1: mobile-bff, web-bff (bearer JWT) vs express+axios, fastify http-proxy, nginx
  composition  GET /product-details/1 (4 parts): mobile-bff, web-bff vs express+axios
  observability  GET /product-details/1: mobile-bff with metrics and JSON access lines vs with neither
  cache        GET /product-details/1, cache hit: web-bff, mobile-bff vs bare fastify replaying the page
  health       GET /health: web-bff, mobile-bff vs a bare fastify hello
  cache-users  a public page with the cache on, 100 signed-in users' tokens cycling: req/s and x-cache HIT ratio
  low-load     mobile-bff composition at 10 connections, parts delayed 20 ms, vs the slowest part
  overload     composition at 50, 200 and 1,000 connections (mobile-bff, web-bff, mobile-bff with its
               cache on): goodput, 503s, p99s, and the first request after
  soak         tops web-bff and mobile-bff up to 60 s of load so their memory can be judged
  sizes        response size of GET /product-details/1 per BFF, plain and gzipped

Every group runs by default, overload included (about 8 min on 2 CPUs with the defaults).

  --only <groups>     comma-separated groups from the list above, e.g. --only proxy,health
  --overload          add the overload group to an --only selection
  --no-overload       leave the overload group out (it is on by default in a full run)
  --duration <s>      measured seconds per row (default: $BENCH_DURATION or 10)
  --connections <n>   connections per row of the comparison groups (default: $BENCH_CONNECTIONS or 50)
  --warmup <s>        unmeasured seconds before each row, 0 for none (default: $BENCH_WARMUP or 3)
  --skip-build        use the bundles already built instead of running the Nx build first
  --dist <dir>        directory holding apps/<path>/main.js (default: dist)

Servers run from dist/ on free loopback ports with every downstream URL pointing at a
fake downstream, pinned with taskset: this process (the load generator) on one CPU,
the server under test and the fake downstream on another. The BFFs inherit this
environment (RATE_LIMIT_DEFAULT defaults to a quota no row reaches). Results are also
written to tmp/bench/latest.json.`;

/**
 * The command line, validated: numbers in range, known group names. Exits with the
 * usage on a mistake, and on --help.
 *
 * @example
 * const { duration, connections, warmup, groups } = parseOptions();
 */
export function parseOptions(args = process.argv.slice(2)) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowNegative: true,
      options: {
        only: { type: 'string' },
        overload: { type: 'boolean' },
        duration: { type: 'string', default: process.env.BENCH_DURATION ?? '10' },
        connections: { type: 'string', default: process.env.BENCH_CONNECTIONS ?? '50' },
        warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '3' },
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
    groups: groups(parsed.only, parsed.overload),
    duration: number('--duration', parsed.duration, { min: 1 }),
    connections: number('--connections', parsed.connections, { min: 1, integer: true }),
    warmup: number('--warmup', parsed.warmup, { min: 0 }),
    skipBuild: parsed['skip-build'],
    dist: resolve(parsed.dist),
  };
}

/** The --only selection (every group without it), with overload added or removed by its flag. */
function groups(only, overload) {
  const chosen =
    only === undefined
      ? [...GROUP_IDS]
      : only
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean);
  const unknown = chosen.filter((id) => !GROUP_IDS.includes(id));
  if (chosen.length === 0 || unknown.length > 0) {
    fail(`--only takes groups from: ${GROUP_IDS.join(', ')}; got "${only}"`);
  }
  const selected = new Set(chosen);
  if (overload === true) selected.add('overload');
  if (overload === false) selected.delete('overload');
  if (selected.size === 0) fail('--no-overload leaves no group to run');
  return selected;
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
