import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from '../../scripts/lib/stack.mjs';
import { cpuSeconds } from './cpu.mjs';
import { count, micros } from './format.mjs';
import { probe } from './measure.mjs';
import { SERVERS } from './peers.mjs';
import { formatTable } from './table.mjs';

/** Signed-in callers the load cycles through, each with a token of its own. */
export const CACHE_USERS = 100;

/**
 * A product page no other group asks for, so the run starts on an empty entry and
 * its one miss is counted here.
 */
const PATH = '/product-details/2';

/** The BFFs with their cache on, each on the page a phone or a browser opens. */
const SUBJECTS = [
  { server: 'mobile-bff-cached', client: 'mobile' },
  { server: 'web-bff-cached', client: 'web' },
];

const run = promisify(execFile);

/**
 * What a public page's cache does for signed-in callers: each connection cycles
 * through {@link CACHE_USERS} distinct users' tokens (minted as `npm run token` mints
 * them), and every response's `x-cache` is tallied, warm-up included, so the one miss
 * that filled the entry (and the requests coalesced onto it) is in the ratio. Rate
 * limits and token checks still run per user on every request.
 *
 * @example
 * const rows = await runCacheUsers({ fleet, load: { connections: 50, duration: 10, warmup: 3 } });
 * rows[0]; // { server: 'mobile-bff-cached', rps: 9800, hitRatio: 0.9999, statuses: { HIT: 98000, MISS: 12 }, ... }
 */
export async function runCacheUsers({ fleet, load: { connections, duration, warmup } }) {
  console.log(`\nCache with ${CACHE_USERS} signed-in users: GET ${PATH} (public page, cache on)`);
  const rows = [];
  for (const { server: name, client } of SUBJECTS) {
    const row = { server: name, label: SERVERS[name].label, users: CACHE_USERS };
    rows.push(row);
    process.stdout.write(`  ${row.label.padEnd(22)} … `);
    try {
      const [server, tokens] = await Promise.all([fleet.get(name), mintTokens(client, CACHE_USERS)]);
      const sample = await probe(server.url + '/health');
      if (sample.status !== 200) throw new Error(sample.error ?? `GET /health answered ${sample.status}`);
      Object.assign(row, await measure(server, tokens, { connections, duration, warmup }));
      console.log(`${count(row.rps)} req/s, ${(row.hitRatio * 100).toFixed(2)}% HIT`);
    } catch (error) {
      row.error = error.message;
      console.log(`✖ ${error.message}`);
    }
  }
  return rows;
}

/** The group's table, for the printed report. */
export function formatCacheUsers(rows) {
  return [
    `Cache with ${CACHE_USERS} signed-in users: GET ${PATH} (each connection cycles through their tokens)`,
    formatTable(
      ['server', 'req/s', 'HIT ratio', 'HIT', 'MISS', 'other', 'CPU/req'],
      rows.map((row) =>
        row.error
          ? [row.label, `✖ ${row.error}`, '', '', '', '', '']
          : [
              row.label,
              count(row.rps),
              `${(row.hitRatio * 100).toFixed(2)}%`,
              count(row.statuses.HIT ?? 0),
              count(row.statuses.MISS ?? 0),
              count(row.total - (row.statuses.HIT ?? 0) - (row.statuses.MISS ?? 0)),
              micros(row.cpuMicrosPerRequest),
            ],
      ),
    ),
  ].join('\n');
}

async function measure(server, tokens, { connections, duration, warmup }) {
  const statuses = {};
  const tally = (_status, _body, _context, headers) => {
    const cache = headers['x-cache'] ?? 'none';
    statuses[cache] = (statuses[cache] ?? 0) + 1;
  };
  const requests = tokens.map((token) => ({
    method: 'GET',
    path: PATH,
    headers: { authorization: `Bearer ${token}` },
    onResponse: tally,
  }));
  if (warmup > 0) await autocannon({ url: server.url, requests, connections, duration: warmup });
  const cpuBefore = cpuSeconds(server.pid);
  const result = await autocannon({ url: server.url, requests, connections, duration });
  const cpuAfter = cpuSeconds(server.pid);
  server.loadSeconds += warmup + result.duration;
  const total = Object.values(statuses).reduce((sum, value) => sum + value, 0);
  return {
    rps: result.requests.average,
    total,
    statuses,
    hitRatio: total > 0 ? (statuses.HIT ?? 0) / total : 0,
    non2xx: result.non2xx,
    cpuMicrosPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0
        ? ((cpuAfter - cpuBefore) * 1e6) / result.requests.total
        : undefined,
  };
}

/** `count` development tokens for distinct users, minted by tools/scripts/token.mjs a few at a time. */
async function mintTokens(client, total) {
  const script = resolve(WORKSPACE_ROOT, 'tools/scripts/token.mjs');
  const tokens = new Array(total);
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      const { stdout } = await run(process.execPath, [script, '--client', client, '--sub', `bench-user-${index + 1}`, '--ttl', '1h']);
      tokens[index] = stdout.trim();
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}
