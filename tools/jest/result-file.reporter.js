const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * Writes `reports/jest/<project>.json` with the run's counts. `.ci/run` totals these
 * files, because Nx interleaves many Jest summaries and none of them covers the
 * whole workspace. The file is a declared output of the `test` target, so a cached
 * run restores it too.
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
      JSON.stringify({
        project,
        target,
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
        suites: results.numTotalTestSuites,
        // Jest sets `results.success` only after reporters run, so derive it.
        success:
          results.numFailedTests === 0 &&
          results.numRuntimeErrorTestSuites === 0 &&
          !results.snapshot.failure &&
          !results.runExecError,
      }) + '\n',
    );
  }
}

module.exports = ResultFileReporter;
