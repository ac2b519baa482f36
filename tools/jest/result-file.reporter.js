const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Writes `reports/jest/<project>.<target>.json` with the run's counts. `.ci/run` totals
 * these files (tools/scripts/jest-totals.mjs), because Nx interleaves many Jest
 * summaries and none of them covers the whole workspace. The file is a declared output
 * of the `test` and `e2e` targets, so a cached run restores it too.
 */
class ResultFileReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(_contexts, results) {
    const project = process.env.NX_TASK_TARGET_PROJECT ?? 'workspace';
    const target = process.env.NX_TASK_TARGET_TARGET ?? 'test';
    const dir = join(__dirname, '..', '..', 'reports', 'jest');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${project}.${target}.json`),
      JSON.stringify(ResultFileReporter.summarize(results, project, target)) + '\n',
    );
  }

  /**
   * The file's content for Jest's aggregated results. A suite that failed to run (its
   * module threw, its worker died) counts as a failure, and so does a run Jest aborted
   * (`runExecError`): the totals must never read clean over tests that did not run.
   */
  static summarize(results, project, target) {
    const runExecError = results.runExecError ? String(results.runExecError.message ?? results.runExecError) : null;
    return {
      project,
      target,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
      suitesFailedToRun: results.numRuntimeErrorTestSuites,
      runExecError,
      // Jest sets `results.success` only after reporters run, so derive it.
      success:
        results.numFailedTests === 0 &&
        results.numRuntimeErrorTestSuites === 0 &&
        !results.snapshot?.failure &&
        runExecError === null,
    };
  }
}

module.exports = ResultFileReporter;
