import { count, megabytes, micros, millis, times } from './format.mjs';
import { formatTable } from './table.mjs';

/**
 * The printed report: one table per comparison group, the low-load and overload
 * tables, the BFF processes, then the TARGETS block. Pure formatting of the results
 * object that is also written as JSON.
 *
 * @example
 * console.log(formatReport(results));
 */
export function formatReport(results) {
  const sections = [
    ...Object.values(results.groups).map(formatGroup),
    results.lowLoad && formatLowLoad(results.lowLoad),
    results.overload && formatOverload(results.overload),
    results.bffs.length > 0 && formatBffs(results.bffs),
    formatTargets(results.targets),
    formatBusy(results),
  ];
  return sections.filter(Boolean).join('\n\n');
}

/**
 * Something else using this much CPU during a measurement (in CPUs, averaged over it)
 * makes that measurement suspect on a 2-CPU machine: the note says so.
 */
const BUSY_CPUS = 0.15;

function busyNote(label, measured) {
  return measured?.foreignCpus > BUSY_CPUS
    ? [`  ${label}: other processes kept ${measured.foreignCpus.toFixed(1)} CPU busy meanwhile (suspect)`]
    : [];
}

/** Every measurement of the run with its label, for the busy-machine summary. */
function measurements(results) {
  return [
    ...Object.values(results.groups).flatMap((group) =>
      group.rows.map((row) => [`${group.id} ${row.label}`, row.measured]),
    ),
    ...(results.lowLoad?.composition ? [['low-load mobile-bff', results.lowLoad.composition]] : []),
    ...(results.lowLoad?.parts ?? []).map(({ path, measured }) => [`low-load direct ${path}`, measured]),
    ...(results.overload ?? []).flatMap((subject) =>
      (subject.levels ?? []).map((level) => [`overload ${subject.server} ${level.connections}`, level.measured]),
    ),
  ].filter(([, measured]) => measured);
}

function formatBusy(results) {
  const all = measurements(results);
  const busy = all.filter(([, measured]) => measured.foreignCpus > BUSY_CPUS);
  if (busy.length === 0) return undefined;
  return (
    `⚠ ${busy.length} of ${all.length} measurements ran while other processes on this machine kept ` +
    `more than ${BUSY_CPUS} CPU busy (noted under their tables): rerun on a quiet machine before ` +
    'trusting them.'
  );
}

function formatGroup(group) {
  const header = [
    '',
    'req/s',
    'p50',
    'p99',
    'CPU/req',
    'RSS',
    'non-2xx',
    ...group.baselines.map((b) => b.label),
  ];
  const notes = [];
  const rows = group.rows.map((row) => {
    const m = row.measured;
    if (!m) {
      notes.push(
        `  ${row.label}: ${row.skipped ? 'skipped' : 'failed'}: ${(row.skipped ?? row.error).split('\n')[0]}`,
      );
      return [row.label, row.skipped ? 'skipped' : 'failed', ...header.slice(2).map(() => '—')];
    }
    if (m.non2xx > 0)
      notes.push(`  ${row.label}: ${describeStatuses(m.statusCounts)} (its req/s is not comparable)`);
    if (m.errors > 0) notes.push(`  ${row.label}: ${count(m.errors)} connection errors or timeouts`);
    notes.push(...busyNote(row.label, m));
    return [
      row.label,
      count(m.rps),
      millis(m.p50),
      millis(m.p99),
      micros(m.cpuMicrosPerRequest),
      megabytes(m.rss),
      count(m.non2xx),
      ...group.baselines.map(({ server }) =>
        server === row.server ? 'baseline' : times(row.ratios[server]),
      ),
    ];
  });
  return [group.title, formatTable(header, rows), ...notes].join('\n');
}

function formatLowLoad(lowLoad) {
  const title = `Low load (${lowLoad.connections} connections, every part delayed ${lowLoad.partDelayMs} ms)`;
  if (lowLoad.error) return `${title}\n  ✖ ${lowLoad.error}`;
  const rows = [
    [
      'mobile-bff GET /product-details/1',
      count(lowLoad.composition.rps),
      millis(lowLoad.composition.p50),
      millis(lowLoad.composition.p99),
    ],
    ...lowLoad.parts.map(({ path, measured }) => [
      `direct GET ${path}`,
      count(measured.rps),
      millis(measured.p50),
      millis(measured.p99),
    ]),
  ];
  const overhead = `composition p50 ${millis(lowLoad.compositionP50)} vs slowest part (${lowLoad.slowestPart.path}) ${millis(lowLoad.slowestPart.p50)}: +${lowLoad.differenceMs.toFixed(1)} ms`;
  const notes = [
    ...busyNote('mobile-bff', lowLoad.composition),
    ...lowLoad.parts.flatMap(({ path, measured }) => busyNote(`direct ${path}`, measured)),
  ];
  return [title, formatTable(['', 'req/s', 'p50', 'p99'], rows), overhead, ...notes].join('\n');
}

function formatOverload(subjects) {
  return subjects.map(formatOverloadSubject).join('\n\n');
}

function errorSummary(kinds = {}) {
  const entries = Object.entries(kinds);
  return entries.length > 0 ? entries.map(([kind, n]) => `${kind} ${count(n)}`).join(', ') : 'of no socket error kind (a request cut when the run stopped)';
}

function formatOverloadSubject({ label, levels, retrying, after, error, floor }) {
  const title = `${floor ? 'Shed floor' : 'Overload'}: ${label}`;
  if (error) return `${title}\n  ✖ ${error}`;
  const shown = retrying ? [...levels, { ...retrying, title: `${count(retrying.connections)}, Retry-After honoured` }] : levels;
  const rows = shown.map((level) =>
    level.skipped
      ? [count(level.connections), `skipped: ${level.skipped}`, '', '', '', '', '', '']
      : [
          level.title ?? count(level.connections),
          count(level.rps),
          count(level.goodput),
          count(level.shed),
          count(level.otherNon2xx),
          count(level.errors),
          millis(level.okP99),
          millis(level.shedP99),
        ],
  );
  const notes = levels.flatMap((level) =>
    busyNote(`${count(level.connections)} connections`, level.measured),
  );
  return [
    title,
    formatTable(
      ['connections', 'req/s', 'goodput 2xx/s', 'shed 503', 'other non-2xx', 'errors', 'p99 2xx', 'p99 503'],
      rows,
    ),
    ...(floor ? [] : [`  first request after the load: ${after?.status ?? after?.error ?? 'not sent'}`]),
    ...levels
      .filter((level) => level.errors > 0)
      .map((level) => `  errors at ${count(level.connections)} connections: ${errorSummary(level.measured.errorKinds)}`),
    ...notes,
  ].join('\n');
}

function formatBffs(bffs) {
  const rows = bffs.map((bff) =>
    bff.error
      ? [bff.label, 'failed', '—', '—']
      : [bff.label, millis(bff.startMs), megabytes(bff.rss), `${Math.round(bff.loadSeconds)} s`],
  );
  return ['BFF processes', formatTable(['', 'start-to-ready', 'RSS at end', 'load seen'], rows)].join('\n');
}

function formatTargets(targets) {
  const width = Math.max(...targets.map((target) => target.label.length));
  const lines = targets.map(({ label, pass, detail }) => {
    const mark = pass === undefined ? '–' : pass ? '✔' : '✖';
    return `  ${mark} ${label.padEnd(width)}  ${detail}`;
  });
  const failed = targets.filter((target) => target.pass === false).length;
  const unchecked = targets.filter((target) => target.pass === undefined).length;
  const passed = targets.length - failed - unchecked;
  const why =
    failed > 0
      ? ['  A missed target\'s profile-backed reason, and what meeting it would take: README.md, "Benchmarks".']
      : [];
  return ['TARGETS', ...lines, `  ${passed} met, ${failed} missed, ${unchecked} not checked`, ...why].join('\n');
}

function describeStatuses(statusCounts) {
  return Object.entries(statusCounts)
    .filter(([status]) => !status.startsWith('2'))
    .map(([status, n]) => `${status} × ${count(n)}`)
    .join(', ');
}
