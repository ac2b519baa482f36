#!/usr/bin/env node
/**
 * `npm run bench`: the BFFs side by side with peer gateways, in one run, on one machine.
 * Every row is one server answering one route alone (warm-up, then measured), with the
 * load generator and the server under test pinned to different CPUs:
 *
 *   proxy        GET /users/1             mobile-bff, web-bff, express+axios, fastify http-proxy, nginx
 *   composition  GET /product-details/1   mobile-bff, web-bff, express+axios
 *   cache        GET /product-details/1   web-bff and mobile-bff with the cache on, bare fastify
 *   health       GET /health              web-bff, mobile-bff, bare fastify
 *   cache-users  GET /product-details/2   web-bff and mobile-bff, cache on, 100 signed-in users: HIT ratio
 *
 * then a low-load latency check, an overload table, a memory soak, response sizes and a
 * TARGETS block. `--help` lists the options; results also go to tmp/bench/latest.json.
 *
 *   npm run bench -- --only proxy,health --duration 5
 */
import { availableParallelism } from 'node:os';
import { buildApps } from '../scripts/lib/stack.mjs';
import { requireProjectNode } from '../scripts/lib/require-node.mjs';
import { runComparison } from './lib/comparison.mjs';
import { formatCacheUsers, runCacheUsers } from './lib/cache-users.mjs';
import { Fleet } from './lib/fleet.mjs';
import { millis } from './lib/format.mjs';
import { COMPARISON_GROUPS } from './lib/groups.mjs';
import { runLowLoad } from './lib/low-load.mjs';
import { parseOptions } from './lib/options.mjs';
import { OVERLOAD_CONNECTIONS, OVERLOAD_SUBJECTS, runOverload } from './lib/overload.mjs';
import { BFF_NAMES, SERVERS } from './lib/peers.mjs';
import { describePinning, pinLoadGenerator } from './lib/pinning.mjs';
import { formatReport } from './lib/report.mjs';
import { writeResults } from './lib/results-file.mjs';
import { formatSizes, measureSizes } from './lib/sizes.mjs';
import { soak } from './lib/soak.mjs';
import { checkTargets } from './lib/targets.mjs';

requireProjectNode();

// At 1,000 connections the event loop lags and autocannon's connection timers are armed
// with a negative delay; Node then warns (and clamps to 1 ms). Harmless, but it would
// split the progress line, so that one warning is dropped and every other one printed.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutNegativeWarning') console.error(`${warning.name}: ${warning.message}`);
});

const options = parseOptions();
// Counted before pinning: afterwards this process may use only one of them.
const cpus = availableParallelism();
const load = { connections: options.connections, duration: options.duration, warmup: options.warmup };
const building = new AbortController();
/** @type {Fleet | undefined} created after the build, which must not run pinned to one CPU */
let fleet;

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal} received, stopping the servers…`);
    building.abort();
    void Promise.resolve(fleet?.stopAll()).then(() => process.exit(130));
  });
}

try {
  if (!options.skipBuild) await buildApps({ signal: building.signal });
  const pinning = pinLoadGenerator();
  fleet = new Fleet({
    pinning,
    distDir: options.dist,
    onStart: (name, server) => console.log(`  (started ${SERVERS[name].label} in ${millis(server.startMs)})`),
  });
  console.log(describePinning(pinning));
  console.log(`Groups: ${[...options.groups].join(', ')} (≈${estimateMinutes()} min)`);

  const results = { groups: {} };
  for (const group of COMPARISON_GROUPS) {
    if (options.groups.has(group.id)) results.groups[group.id] = await runComparison(group, { fleet, load });
  }
  if (options.groups.has('cache-users')) results.cacheUsers = await runCacheUsers({ fleet, load });
  if (options.groups.has('low-load')) results.lowLoad = await runLowLoad({ fleet, load });
  if (options.groups.has('overload')) results.overload = await runOverload({ fleet, load });
  if (options.groups.has('soak')) results.soaked = await soak({ fleet, connections: options.connections });
  if (options.groups.has('sizes')) results.sizes = await measureSizes({ fleet });
  results.bffs = summarizeBffs(fleet);
  results.targets = checkTargets(results);

  console.log(`\n${formatReport(results)}`);
  if (results.cacheUsers) console.log(`\n${formatCacheUsers(results.cacheUsers)}`);
  if (results.sizes) console.log(`\n${formatSizes(results.sizes)}`);
  console.log(
    `\nAll processes share this machine's ${cpus} CPUs: compare ratios, not absolute numbers.\n` +
      `${describePinning(pinning)}\n` +
      'How to read: every row of a group serves the same route; the "vs" columns are req/s ratios to ' +
      "the group's baselines (higher is better); CPU/req is the server process alone, its fake " +
      "downstream not counted (lower is better); RSS is the server's at the end of its row.",
  );
  console.log(`Results written to ${writeResults(results, { options, pinning, cpus })}`);
} catch (error) {
  if (!interrupted) {
    console.error(`✖ ${error.message}`);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await fleet?.stopAll();
}

/** Every BFF instance of the run: start-up, last RSS and load seen, or why it did not start. */
function summarizeBffs(fleet) {
  const isBff = ([name]) => BFF_NAMES.includes(name);
  return [
    ...fleet.started.filter(isBff).map(([name, server]) => ({
      name,
      label: SERVERS[name].label,
      startMs: server.startMs,
      rss: server.lastRss,
      loadSeconds: server.loadSeconds,
    })),
    ...fleet.failed
      .filter(isBff)
      .map(([name, error]) => ({ name, label: SERVERS[name].label, error: error.message })),
  ];
}

/** Rows × (warm-up + measured), plus the parts of low load and the soak. */
function estimateMinutes() {
  const perRow = options.warmup + options.duration;
  let seconds = 0;
  for (const group of COMPARISON_GROUPS)
    if (options.groups.has(group.id)) seconds += group.rows.length * perRow;
  if (options.groups.has('cache-users')) seconds += 2 * perRow;
  if (options.groups.has('low-load'))
    seconds += perRow + 3 * (Math.min(options.warmup, 1) + Math.ceil(options.duration / 2));
  if (options.groups.has('overload')) seconds += OVERLOAD_SUBJECTS.length * OVERLOAD_CONNECTIONS.length * perRow;
  if (options.groups.has('soak')) seconds += 30;
  return Math.ceil(seconds / 60);
}
