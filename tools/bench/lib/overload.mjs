import { readFileSync } from 'node:fs';
import { count, millis } from './format.mjs';
import { load, probe } from './measure.mjs';
import { retryingLoad } from './retrying-clients.mjs';
import { SERVERS } from './peers.mjs';

/** Connection counts from comfortable to far past what one CPU can compose. */
export const OVERLOAD_CONNECTIONS = [50, 200, 1_000];

/**
 * The BFFs driven past capacity, each on its composition route with the budget its
 * config gives that route (the apps' `PRODUCT_DETAILS_BUDGET_MS` defaults): both
 * clients uncached, where every request costs three downstream calls, and the mobile
 * BFF with its cache on, where admission should still let hits through, and the mobile
 * BFF without an admission queue, where everything over the limit is shed at once, so
 * the latency of the shed path shows at every level, and both BFFs behind nginx as
 * `npm run start:cluster` fronts them, where the balancer holds the in-flight limit and
 * answers the excess itself. Subjects marked `retrying` are also
 * driven at the heaviest level by clients that honour `Retry-After` ({@link retryingLoad}),
 * which autocannon's do not. Last, the shed floor: bare Fastify answering every request
 * with the same 503, driven the same way, the fastest any Node server sheds at each
 * level (a `floor` subject is a baseline: it is not probed for a 200 nor checked against
 * the targets).
 */
export const OVERLOAD_SUBJECTS = [
  { server: 'mobile-bff', path: '/product-details/1', budgetMs: 1_200, retrying: true },
  { server: 'web-bff', path: '/product-details/1', budgetMs: 1_500 },
  { server: 'mobile-bff-cached', path: '/product-details/1', budgetMs: 1_200 },
  { server: 'mobile-bff-no-queue', path: '/product-details/1', budgetMs: 1_200, retrying: true },
  { server: 'mobile-bff-behind-nginx', path: '/product-details/1', budgetMs: 1_200, retrying: true },
  { server: 'web-bff-behind-nginx', path: '/product-details/1', budgetMs: 1_500, retrying: true },
  { server: 'shed-floor', path: '/product-details/1', retrying: true, floor: true },
];

/**
 * Descriptors a level needs in each process (the load generator's sockets, the BFF's
 * inbound ones) on top of what a Node process holds anyway.
 */
const DESCRIPTOR_HEADROOM = 512;

/**
 * What each subject does past its capacity: total req/s, goodput (2xx per second),
 * requests shed with 503, and the p99 of successes and of 503s apart, since a fast 503
 * is the point of shedding and must not hide slow successes. After the last level one
 * plain request shows whether the gateway recovered (a breaker opened against the
 * healthy downstream would answer it 503). A level needing more file descriptors than
 * `ulimit -n` allows is skipped with the limit to raise.
 *
 * @example
 * const subjects = await runOverload({ fleet, load: { duration: 10, warmup: 3 } });
 * subjects[0].levels[2]; // { connections: 1000, rps, goodput, shed, okP99, shedP99, ... }
 * subjects[0].after; // { status: 200, ... }
 */
export async function runOverload({ fleet, load: loadOptions }) {
  const subjects = [];
  for (const subject of OVERLOAD_SUBJECTS) subjects.push(await overloadOne(fleet, subject, loadOptions));
  return subjects;
}

async function overloadOne(fleet, { server, path, budgetMs, retrying, floor = false }, { duration, warmup }) {
  const label = `${SERVERS[server].label} GET ${path}`;
  console.log(`\n${floor ? 'Shed floor' : 'Overload'}: ${label}`);
  const result = { server, label, path, budgetMs, floor, levels: [] };
  let bff;
  try {
    bff = await fleet.get(server);
    const sample = await probe(`${bff.url}${path}`);
    const expected = floor ? 503 : 200;
    if (sample.status !== expected) throw new Error(sample.error ?? `unloaded GET answered ${sample.status}`);
  } catch (error) {
    console.log(`  ✖ ${error.message}`);
    return { ...result, error: error.message };
  }
  const descriptors = openFileLimit();
  for (const connections of OVERLOAD_CONNECTIONS) {
    const title = `${connections.toLocaleString('en-US')} connections`;
    if (descriptors !== undefined && descriptors < connections + DESCRIPTOR_HEADROOM) {
      const skipped = `ulimit -n is ${descriptors}; raise it to ≥ ${connections + DESCRIPTOR_HEADROOM}`;
      result.levels.push({ connections, skipped });
      console.log(`  ${title.padEnd(22)} skipped: ${skipped}`);
      continue;
    }
    process.stdout.write(`  ${title.padEnd(22)} … `);
    const measured = await load(`${bff.url}${path}`, {
      connections,
      duration,
      warmup,
      server: bff,
      ownPids: fleet.pids,
    });
    const level = levelOf(connections, measured);
    result.levels.push(level);
    console.log(
      floor
        ? `${count(level.shed)} shed, p99 shed ${millis(level.shedP99)}`
        : `${count(level.goodput)} 2xx/s, ${count(level.shed)} shed, p99 ok ${millis(level.okP99)}`,
    );
  }
  if (retrying) {
    const connections = OVERLOAD_CONNECTIONS.at(-1);
    process.stdout.write(`  ${`${connections.toLocaleString('en-US')}, Retry-After honoured`.padEnd(22)} … `);
    const measured = await retryingLoad(`${bff.url}${path}`, { connections, duration });
    const level = levelOf(connections, measured);
    result.retrying = level;
    console.log(`${count(level.goodput)} 2xx/s, ${count(level.shed)} shed, p99 ok ${millis(level.okP99)}, p99 shed ${millis(level.shedP99)}`);
  }
  if (floor) return result;
  result.after = await probe(`${bff.url}${path}`);
  console.log(`  first request after the load: ${result.after.status ?? result.after.error}`);
  return result;
}

/** One row of the overload table from what a load generator measured. */
function levelOf(connections, measured) {
  return {
    connections,
    rps: measured.requests / measured.seconds,
    goodput: measured.ok.count / measured.seconds,
    shed: measured.shed.count,
    okP99: measured.ok.p99,
    shedP99: measured.shed.p99,
    otherNon2xx: measured.non2xx - measured.shed.count,
    errors: measured.errors,
    measured,
  };
}

/** The soft `ulimit -n` this process (and so every server it spawns) runs under. */
function openFileLimit() {
  try {
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return match && match[1] !== 'unlimited' ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
