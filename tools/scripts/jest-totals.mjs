#!/usr/bin/env node
/**
 * Totals the per-project Jest result files that tools/jest/result-file.reporter.js
 * writes (`reports/jest/<project>.<target>.json`), because Nx interleaves one Jest
 * summary per project and none of them covers the workspace.
 *
 *   node tools/scripts/jest-totals.mjs [dir]     # dir defaults to reports/jest
 *
 * The last line of output is always `N passed, M failed` (plus `, K skipped` when some
 * were skipped). Details go to stderr before it. Exits 1 when a test failed, a file is
 * unreadable, or there is no result file at all: a clean total over nothing would hide
 * a pipeline that ran no tests.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? 'reports/jest');
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

let files = [];
try {
  files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
if (files.length === 0) problems.push(`no Jest result files in ${dir}`);

for (const file of files) {
  let result;
  try {
    result = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    problems.push(`${file}: unreadable (${error.message})`);
    continue;
  }
  const counts = ['passed', 'failed', 'skipped'].map((key) => result?.[key]);
  if (!counts.every((count) => Number.isInteger(count) && count >= 0)) {
    problems.push(`${file}: not a Jest result file (needs passed, failed and skipped counts)`);
    continue;
  }
  const [passed, failed, skipped] = counts;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  // The counts decide, not the file's `success` flag: Jest computes that only after
  // reporters have run, so the reporter always sees it false.
  if (failed > 0) problems.push(`${file}: ${failed} failed`);
}

for (const problem of problems) console.error(`✖ ${problem}`);
const line = `${totals.passed} passed, ${totals.failed} failed`;
console.log(totals.skipped > 0 ? `${line}, ${totals.skipped} skipped` : line);
process.exitCode = problems.length > 0 ? 1 : 0;
