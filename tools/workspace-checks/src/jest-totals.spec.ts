import { createProjectGraphAsync, workspaceRoot } from '@nx/devkit';
import { join } from 'node:path';
import { NodeScript } from './node-script';

const SCRIPT = 'tools/scripts/jest-totals.mjs';
const fixtures = (name: string) => join(__dirname, 'fixtures', 'jest-reports', name);

interface Run {
  project: string;
  target: string;
}
interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}
interface JestTotalsLib {
  expectedRuns(projects: Array<{ name: string; targets: string[] }>): Run[];
  totalRuns(run: { expected: Run[]; files: Map<string, string> }): Totals;
  totalsLine(totals: Omit<Totals, 'problems'>): string;
}
interface ResultFileReporter {
  summarize(results: Record<string, unknown>, project: string, target: string): Record<string, unknown>;
}

// Jest compiles .mjs to CommonJS for this project (see jest.config.js), so both load here.
const loadLib = () => import(join(workspaceRoot, 'tools/scripts/lib/jest-totals.mjs')) as Promise<JestTotalsLib>;
const reporter = require(join(workspaceRoot, 'tools/jest/result-file.reporter.js')) as ResultFileReporter;

/** A result file as the reporter writes it. */
function resultFile(counts: { passed: number; failed?: number; skipped?: number; [key: string]: unknown }): string {
  return JSON.stringify({ failed: 0, skipped: 0, suitesFailedToRun: 0, runExecError: null, ...counts });
}

/** Jest's aggregated results with every count zero unless given. */
function aggregated(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    numPassedTests: 0,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    numTotalTestSuites: 0,
    numRuntimeErrorTestSuites: 0,
    snapshot: { failure: false },
    ...overrides,
  };
}

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

describe('jest-totals: what each expected run adds to the CI total', () => {
  let lib: JestTotalsLib;
  beforeAll(async () => {
    lib = await loadLib();
  });

  const web = { project: 'web-bff', target: 'test' };
  const webE2e = { project: 'web-bff-e2e', target: 'e2e' };

  it('totals the files of a run in which every expected target reported', () => {
    const totals = lib.totalRuns({
      expected: [web, webE2e],
      files: new Map([
        ['web-bff.test.json', resultFile({ passed: 30 })],
        ['web-bff-e2e.e2e.json', resultFile({ passed: 8, skipped: 1 })],
      ]),
    });

    expect(totals).toEqual({ passed: 38, failed: 0, skipped: 1, problems: [] });
    expect(lib.totalsLine(totals)).toBe('38 passed, 0 failed, 1 skipped');
  });

  it('counts an expected target that left no result file as failed and names it', () => {
    const totals = lib.totalRuns({
      expected: [web, webE2e],
      files: new Map([['web-bff.test.json', resultFile({ passed: 30 })]]),
    });

    expect(totals).toMatchObject({ passed: 30, failed: 1 });
    expect(totals.problems).toEqual([expect.stringMatching(/^web-bff-e2e:e2e left no result file/)]);
    expect(lib.totalsLine(totals)).toBe('30 passed, 1 failed');
  });

  it('counts a run Jest aborted (runExecError) as failed even when no test had failed yet', () => {
    const totals = lib.totalRuns({
      expected: [web],
      files: new Map([['web-bff.test.json', resultFile({ passed: 4, runExecError: 'globalSetup threw' })]]),
    });

    expect(totals).toMatchObject({ passed: 4, failed: 1 });
    expect(totals.problems).toEqual([expect.stringContaining('web-bff.test.json: the run failed to complete (globalSetup threw)')]);
  });

  it('counts a suite that crashed before its tests ran as failed and says so', () => {
    const totals = lib.totalRuns({
      expected: [web],
      files: new Map([['web-bff.test.json', resultFile({ passed: 12, failed: 1, suitesFailedToRun: 1 })]]),
    });

    expect(totals).toMatchObject({ passed: 12, failed: 1 });
    expect(totals.problems).toEqual(
      expect.arrayContaining([expect.stringContaining('web-bff.test.json: 1 test suite(s) failed to run')]),
    );
  });

  it('counts an unreadable or foreign file as failed', () => {
    const totals = lib.totalRuns({
      expected: [web, webE2e],
      files: new Map([
        ['web-bff.test.json', '{"passed":'],
        ['web-bff-e2e.e2e.json', JSON.stringify({ project: 'web-bff-e2e', suites: 1 })],
      ]),
    });

    expect(totals).toMatchObject({ passed: 0, failed: 2 });
    expect(totals.problems).toEqual([
      expect.stringContaining('web-bff-e2e.e2e.json: not a Jest result file'),
      expect.stringContaining('web-bff.test.json: unreadable'),
    ]);
  });

  it('reports a problem when nothing at all was expected to run', () => {
    const totals = lib.totalRuns({ expected: [], files: new Map() });

    expect(totals.problems).toEqual([expect.stringContaining('no test or e2e target')]);
  });

  it('expects one run per test and e2e target a project has, and none for other targets', () => {
    expect(
      lib.expectedRuns([
        { name: 'web-bff-e2e', targets: ['lint', 'e2e'] },
        { name: 'web-bff', targets: ['build', 'lint', 'test'] },
        { name: 'tooling', targets: ['lint'] },
      ]),
    ).toEqual([webE2e, web]);
  });

  it("expects a run of every Jest project in this workspace's project graph", async () => {
    const graph = await createProjectGraphAsync({ exitOnError: false });
    const runs = lib.expectedRuns(
      Object.values(graph.nodes).map(({ name, data }) => ({ name, targets: Object.keys(data.targets ?? {}) })),
    );

    expect(runs).toEqual(
      expect.arrayContaining([
        { project: 'web-bff-e2e', target: 'e2e' },
        { project: 'mobile-bff-e2e', target: 'e2e' },
        { project: 'web-bff', target: 'test' },
        { project: 'workspace-checks', target: 'test' },
      ]),
    );
  });
});

describe('result-file reporter: what a Jest run writes for the total', () => {
  it('counts suites that failed to run as failures', () => {
    const file = reporter.summarize(
      aggregated({ numPassedTests: 5, numFailedTests: 1, numRuntimeErrorTestSuites: 2, numTotalTestSuites: 4 }),
      'auth',
      'test',
    );

    expect(file).toMatchObject({ project: 'auth', target: 'test', passed: 5, failed: 3, suitesFailedToRun: 2, success: false });
  });

  it('records a run Jest aborted, with its message, so the total can count it', () => {
    const file = reporter.summarize(
      aggregated({ numPassedTests: 2, runExecError: { message: 'Cannot find module ./global-setup' } }),
      'auth',
      'test',
    );

    expect(file).toMatchObject({ passed: 2, failed: 0, runExecError: 'Cannot find module ./global-setup', success: false });
  });

  it('marks a complete green run successful', () => {
    const file = reporter.summarize(aggregated({ numPassedTests: 7, numPendingTests: 1, numTodoTests: 1 }), 'auth', 'test');

    expect(file).toMatchObject({ passed: 7, failed: 0, skipped: 2, runExecError: null, success: true });
  });
});

describe('jest-totals CLI (the CI summary line)', () => {
  // --expect stands in for the project graph, so these runs need no Nx.
  it('totals every result file of a green run and exits 0', async () => {
    const run = await NodeScript.run(SCRIPT, [
      fixtures('green'),
      '--expect',
      'problem:test,web-bff:test,web-bff-e2e:e2e',
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('50 passed, 0 failed\n');
  });

  it('counts an expected run with no result file, names it and exits 1', async () => {
    const run = await NodeScript.run(SCRIPT, [
      fixtures('green'),
      '--expect',
      'problem:test,web-bff:test,web-bff-e2e:e2e,mobile-bff-e2e:e2e',
    ]);

    expect(run.code).toBe(1);
    expect(lastLine(run.stdout)).toBe('50 passed, 1 failed');
    expect(run.stderr).toContain('mobile-bff-e2e:e2e left no result file');
  });

  it('counts failures across unit and e2e files, names the failing files and exits 1', async () => {
    const run = await NodeScript.run(SCRIPT, [
      fixtures('failing'),
      '--expect',
      'mobile-bff:test,mobile-bff-e2e:e2e,problem:test',
    ]);

    expect(run.code).toBe(1);
    expect(lastLine(run.stdout)).toBe('36 passed, 3 failed, 1 skipped');
    expect(run.stderr).toContain('mobile-bff.test.json: 2 failed');
    expect(run.stderr).toContain('mobile-bff-e2e.e2e.json: 1 failed');
  });

  it('appends the skipped count only when tests were skipped', async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('skipped'), '--expect', 'auth:test,caching:test']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('14 passed, 0 failed, 3 skipped\n');
  });

  it("trusts the counts rather than the reporter's success flag, which Jest sets only after reporters ran", async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('success-flag-unset'), '--expect', 'config:test']);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('7 passed, 0 failed\n');
  });

  it('counts a truncated or foreign file as failed but still prints the totals it could read', async () => {
    const run = await NodeScript.run(SCRIPT, [
      fixtures('malformed'),
      '--expect',
      'problem:test,throttling:test,web-bff:test',
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('12 passed, 2 failed\n');
    expect(run.stderr).toContain('web-bff.test.json: unreadable');
    expect(run.stderr).toContain('throttling.test.json: not a Jest result file');
  });

  it('counts every expected run as failed when there is no result file at all', async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('does-not-exist'), '--expect', 'problem:test,web-bff:test']);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('0 passed, 2 failed\n');
    expect(run.stderr).toContain('problem:test left no result file');
    expect(run.stderr).toContain('web-bff:test left no result file');
  });
});
