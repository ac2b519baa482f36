/**
 * The rules behind the CI total, kept apart from file and Nx I/O so a unit test can
 * drive them: which result files a run must leave, and what each file (or its absence)
 * adds to `N passed, M failed`.
 *
 * A total over whatever files happen to exist under-counts: a project whose Jest exits
 * before reporting ("No tests found", a crash, out of memory) or whose e2e target never
 * ran because its build failed leaves no file. So the expected (project, target) pairs
 * come from the Nx project graph, and each one without a file counts as one failure.
 */

/** The Jest targets `npm test` runs, in the order the total lists them. */
export const JEST_TARGETS = ['test', 'e2e'];

/**
 * The result file that `tools/jest/result-file.reporter.js` writes for one target run.
 *
 * @example
 * resultFileName({ project: 'web-bff', target: 'test' }); // 'web-bff.test.json'
 */
export function resultFileName({ project, target }) {
  return `${project}.${target}.json`;
}

/**
 * Every (project, target) pair the graph says `npm test` runs, sorted.
 *
 * @param {Array<{ name: string; targets: string[] }>} projects each project and its target names
 * @example
 * expectedRuns([{ name: 'web-bff', targets: ['build', 'test'] }]); // [{ project: 'web-bff', target: 'test' }]
 */
export function expectedRuns(projects, targets = JEST_TARGETS) {
  return projects
    .flatMap(({ name, targets: own }) =>
      targets.filter((target) => own.includes(target)).map((target) => ({ project: name, target })),
    )
    .sort((a, b) => resultFileName(a).localeCompare(resultFileName(b)));
}

/**
 * Adds up the result files of a run against the pairs that had to leave one.
 *
 * - an expected pair with no file counts as 1 failed and is named;
 * - a file that cannot be read or lacks the counts counts as 1 failed;
 * - a run Jest aborted (`runExecError`) counts as at least 1 failed, even when no test
 *   had failed by then;
 * - suites that failed to run are already in the file's `failed` and are named.
 *
 * The counts decide, not the file's `success` flag: Jest computes that only after
 * reporters have run, so the reporter always sees it false.
 *
 * @param {{ expected: Array<{ project: string; target: string }>; files: Map<string, string> }} run
 *   `files` maps each result file's name to its text
 * @returns {{ passed: number; failed: number; skipped: number; problems: string[] }}
 * @example
 * totalRuns({ expected: [{ project: 'problem', target: 'test' }], files: new Map() });
 * // { passed: 0, failed: 1, skipped: 0, problems: ['problem:test left no result file ...'] }
 */
export function totalRuns({ expected, files }) {
  const totals = { passed: 0, failed: 0, skipped: 0, problems: [] };
  const fail = (count, problem) => {
    totals.failed += count;
    totals.problems.push(problem);
  };

  if (expected.length === 0) {
    totals.problems.push('the project graph lists no test or e2e target: nothing was expected to run');
  }
  for (const run of expected) {
    if (!files.has(resultFileName(run))) {
      fail(
        1,
        `${run.project}:${run.target} left no result file (it did not run, or Jest exited before ` +
          'reporting: no tests found, a crash, out of memory); counted as 1 failed',
      );
    }
  }

  for (const [file, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    let result;
    try {
      result = JSON.parse(text);
    } catch (error) {
      fail(1, `${file}: unreadable (${error.message}); counted as 1 failed`);
      continue;
    }
    const counts = ['passed', 'failed', 'skipped'].map((key) => result?.[key]);
    if (!counts.every((count) => Number.isInteger(count) && count >= 0)) {
      fail(1, `${file}: not a Jest result file (needs passed, failed and skipped counts); counted as 1 failed`);
      continue;
    }
    const [passed, failed, skipped] = counts;
    totals.passed += passed;
    totals.skipped += skipped;
    totals.failed += failed;
    if (result.runExecError) {
      // Jest stopped the run; whatever it had not run yet is lost, so never count it clean.
      if (failed === 0) totals.failed += 1;
      totals.problems.push(`${file}: the run failed to complete (${result.runExecError})`);
    }
    if (Number.isInteger(result.suitesFailedToRun) && result.suitesFailedToRun > 0) {
      totals.problems.push(`${file}: ${result.suitesFailedToRun} test suite(s) failed to run`);
    }
    if (failed > 0) totals.problems.push(`${file}: ${failed} failed`);
  }
  return totals;
}

/**
 * The summary line: `N passed, M failed`, plus `, K skipped` when some were skipped.
 *
 * @example
 * totalsLine({ passed: 3, failed: 0, skipped: 1 }); // '3 passed, 0 failed, 1 skipped'
 */
export function totalsLine({ passed, failed, skipped }) {
  const line = `${passed} passed, ${failed} failed`;
  return skipped > 0 ? `${line}, ${skipped} skipped` : line;
}
