#!/usr/bin/env node
/**
 * Totals the per-project Jest result files that tools/jest/result-file.reporter.js
 * writes (`reports/jest/<project>.<target>.json`), because Nx interleaves one Jest
 * summary per project and none of them covers the workspace.
 *
 *   node tools/scripts/jest-totals.mjs [dir]                      # dir defaults to reports/jest
 *   node tools/scripts/jest-totals.mjs [dir] --expect a:test,b:e2e  # instead of the project graph
 *
 * Every (project, target) pair with a `test` or `e2e` target in the Nx project graph must
 * have left a file; a missing one counts as failed and is named (see lib/jest-totals.mjs).
 * The last line of output is always `N passed, M failed` (plus `, K skipped` when some
 * were skipped). Details go to stderr before it. Exits 1 when anything counted as failed
 * or the project graph could not be read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { expectedRuns, totalRuns, totalsLine } from './lib/jest-totals.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { expect: { type: 'string' } },
});
const dir = resolve(positionals[0] ?? 'reports/jest');

const graphProblems = [];
const expected = values.expect !== undefined ? parseExpect(values.expect) : await expectedFromGraph();
const totals = totalRuns({ expected, files: readResultFiles(dir) });

for (const problem of [...graphProblems, ...totals.problems]) console.error(`✖ ${problem}`);
console.log(totalsLine(totals));
process.exitCode = totals.failed > 0 || totals.problems.length > 0 || graphProblems.length > 0 ? 1 : 0;

/** `web-bff:test,web-bff-e2e:e2e` → pairs. */
function parseExpect(list) {
  return list
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [project, target] = pair.split(':');
      if (!project || !target) throw new Error(`--expect takes project:target pairs, got "${pair}"`);
      return { project, target };
    });
}

async function expectedFromGraph() {
  try {
    const { createProjectGraphAsync } = await import('@nx/devkit');
    const graph = await createProjectGraphAsync({ exitOnError: false });
    return expectedRuns(
      Object.values(graph.nodes).map(({ name, data }) => ({ name, targets: Object.keys(data.targets ?? {}) })),
    );
  } catch (error) {
    graphProblems.push(`could not read the Nx project graph, so no run is known to be missing (${error.message})`);
    return [];
  }
}

function readResultFiles(from) {
  let names = [];
  try {
    names = readdirSync(from).filter((file) => file.endsWith('.json'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  return new Map(names.map((name) => [name, readFileSync(join(from, name), 'utf8')]));
}
