import { devToken } from './dev-token.mjs';
import { count } from './format.mjs';
import { load, probe } from './measure.mjs';
import { SERVERS, Unavailable } from './peers.mjs';

/**
 * Measures one comparison group: each row's server alone on the group's route (started
 * on first use), then each row's req/s as a ratio to every baseline of the group. A row
 * whose server cannot start, or whose route does not answer 200 unloaded, is reported
 * with the reason instead of numbers.
 *
 * @example
 * const result = await runComparison(COMPARISON_GROUPS[0], { fleet, load: { connections: 50, duration: 10, warmup: 3 } });
 * result.rows[0]; // { server: 'mobile-bff', label, measured: { rps, p50, rss, ... }, ratios: { express: 3.4, ... } }
 */
export async function runComparison(group, { fleet, load: loadOptions }) {
  console.log(`\n${group.title}`);
  const rows = [];
  for (const definition of group.rows) {
    const row = { server: definition.server, label: definition.label ?? SERVERS[definition.server].label };
    rows.push(row);
    let server;
    try {
      server = await fleet.get(definition.server);
    } catch (error) {
      row[error instanceof Unavailable ? 'skipped' : 'error'] = error.message;
      console.log(
        `  ${row.label.padEnd(22)} ${error instanceof Unavailable ? 'skipped' : '✖'}: ${error.message}`,
      );
      continue;
    }
    process.stdout.write(`  ${row.label.padEnd(22)} … `);
    const headers = definition.token ? { authorization: `Bearer ${devToken(definition.token)}` } : {};
    const url = server.url + group.path;
    const sample = await probe(url, { headers });
    if (sample.error || sample.status !== 200) {
      row.error = server.exited
        ? `exited during the run; last output:\n${server.tail.join('\n')}`
        : (sample.error ?? `unloaded GET answered ${sample.status}`);
      console.log(`✖ ${row.error}`);
      continue;
    }
    row.bytes = sample.bytes;
    row.measured = await load(url, { ...loadOptions, headers, server, ownPids: fleet.pids });
    console.log(`${count(row.measured.rps)} req/s`);
  }
  for (const row of rows) {
    row.ratios = Object.fromEntries(
      group.baselines.map(({ server }) => {
        const baseline = rows.find((candidate) => candidate.server === server)?.measured;
        return [server, row.measured && baseline ? row.measured.rps / baseline.rps : undefined];
      }),
    );
  }
  return { id: group.id, title: group.title, path: group.path, baselines: group.baselines, rows };
}
