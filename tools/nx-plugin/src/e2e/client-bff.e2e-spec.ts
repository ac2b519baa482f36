import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandResult, WorkspaceCopy } from './workspace-copy';

interface JestResultFile {
  passed: number;
  failed: number;
  success: boolean;
}

const CLIENT = 'tv';
const PROJECTS = ['tv-bff', 'tv-contracts', 'tv-bff-e2e'];

/**
 * The generator's promise, kept where it matters: in a copy of this very workspace, a
 * generated client lints, tests, builds and passes its e2e suite (built app, real demo
 * services) with no edit, and the workspace's rules hold for it.
 */
describe('nx g @bff/nx-plugin:client-bff, in a copy of the workspace', () => {
  let copy: WorkspaceCopy;
  let generated: CommandResult;
  let routed: CommandResult;

  beforeAll(async () => {
    copy = WorkspaceCopy.create();
    generated = await copy.run('npx', ['nx', 'g', '@bff/nx-plugin:client-bff', CLIENT]);
    // A second route on the new gateway, so the route generator's output is held to the same runs.
    routed = await copy.run('npx', ['nx', 'g', '@bff/nx-plugin:composed-route', '--project', 'tv-bff', '--name', 'product-summary']);
  });

  afterAll(() => copy?.remove());

  it('generates the gateway, its contracts and its e2e suite, and writes its API description', () => {
    expect(generated).toEqual({ code: 0, output: expect.stringContaining('Wrote apps/tv-bff/openapi.json.') });
    for (const file of ['apps/tv-bff/project.json', 'apps/tv-bff-e2e/project.json', 'libs/tv/contracts/project.json']) {
      expect(existsSync(join(copy.root, file))).toBe(true);
    }
  });

  it('adds a composed route to it, with its e2e spec, and rewrites its API description', () => {
    expect(routed).toEqual({ code: 0, output: expect.stringContaining('Wrote apps/tv-bff/openapi.json.') });
    expect(existsSync(join(copy.root, 'apps/tv-bff-e2e/src/product-summary.e2e-spec.ts'))).toBe(true);
  });

  it('lints, tests, builds and passes its e2e suites right after generation', async () => {
    const run = await copy.run(
      'npx',
      ['nx', 'run-many', '-t', 'lint', 'test', 'build', 'e2e', '-p', ...PROJECTS, '--parallel=2', '--outputStyle=static'],
      840_000,
    );
    expect({ code: run.code, tail: run.output.slice(-4_000) }).toEqual({ code: 0, tail: expect.any(String) });
    // The copy's cache starts empty: every task ran here, none was replayed.
    expect(run.output).not.toMatch(/from the cache|\[local cache\]/);

    const results = ['tv-bff.test', 'tv-contracts.test', 'tv-bff-e2e.e2e'].map((name) => {
      const result = JSON.parse(readFileSync(join(copy.root, 'reports/jest', `${name}.json`), 'utf8')) as JestResultFile;
      return { name, success: result.success, failed: result.failed, ran: result.passed > 0 };
    });
    expect(results).toEqual(
      ['tv-bff.test', 'tv-contracts.test', 'tv-bff-e2e.e2e'].map((name) => ({ name, success: true, failed: 0, ran: true })),
    );
  });

  it('type-checks: the app, its specs, the contracts and the e2e suites', async () => {
    for (const tsconfig of [
      'apps/tv-bff/tsconfig.app.json',
      'apps/tv-bff/tsconfig.spec.json',
      'libs/tv/contracts/tsconfig.lib.json',
      'libs/tv/contracts/tsconfig.spec.json',
      'apps/tv-bff-e2e/tsconfig.spec.json',
    ]) {
      const check = await copy.run('npx', ['tsc', '-p', tsconfig, '--noEmit']);
      expect({ tsconfig, code: check.code, output: check.output }).toEqual({ tsconfig, code: 0, output: '' });
    }
  });

  it('keeps the workspace’s rules: tags, boundaries, e2e dependencies, owners, npm start and a fresh API description', async () => {
    const checks = await copy.run('npx', [
      'jest',
      '-c',
      'tools/workspace-checks/jest.config.js',
      '--ci',
      'project-tags',
      'e2e-dependencies',
      'openapi',
      'start-script',
      'workspace-ownership',
    ]);
    expect({ code: checks.code, tail: checks.output.slice(-4_000) }).toEqual({ code: 0, tail: expect.any(String) });
  });

  it('refuses to generate the same client twice', async () => {
    const again = await copy.run('npx', ['nx', 'g', '@bff/nx-plugin:client-bff', CLIENT, '--dry-run']);
    expect(again.code).not.toBe(0);
    expect(again.output).toContain('A client named "tv" already exists');
  });
});
