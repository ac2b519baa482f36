import { join } from 'node:path';
import { NodeScript } from './node-script';

const SCRIPT = 'tools/scripts/jest-totals.mjs';
const fixtures = (name: string) => join(__dirname, 'fixtures', 'jest-reports', name);

function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}

describe('jest-totals (the CI summary line)', () => {
  it('totals every result file of a green run and exits 0', async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('green')]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('50 passed, 0 failed\n');
  });

  it('counts failures across unit and e2e files, names the failing files and exits 1', async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('failing')]);

    expect(run.code).toBe(1);
    expect(lastLine(run.stdout)).toBe('36 passed, 3 failed, 1 skipped');
    expect(run.stderr).toContain('mobile-bff.test.json: 2 failed');
    expect(run.stderr).toContain('mobile-bff-e2e.e2e.json: 1 failed');
  });

  it('appends the skipped count only when tests were skipped', async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('skipped')]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('14 passed, 0 failed, 3 skipped\n');
  });

  it("trusts the counts rather than the reporter's success flag, which Jest sets only after reporters ran", async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('success-flag-unset')]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('7 passed, 0 failed\n');
  });

  it('exits 1 on a truncated or foreign file but still prints the totals it could read', async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('malformed')]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('12 passed, 0 failed\n');
    expect(run.stderr).toContain('web-bff.test.json: unreadable');
    expect(run.stderr).toContain('throttling.test.json: not a Jest result file');
  });

  it('exits 1 when there is no result file at all', async () => {
    const run = await NodeScript.run(SCRIPT, [fixtures('does-not-exist')]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('0 passed, 0 failed\n');
    expect(run.stderr).toContain('no Jest result files');
  });
});
