import { workspaceRoot } from '@nx/devkit';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspaceProjects } from './workspace-projects';

interface TestTargetDefault {
  filter?: { projects?: string[] };
  options?: { passWithNoTests?: boolean };
}

const nxJson = JSON.parse(readFileSync(join(workspaceRoot, 'nx.json'), 'utf8')) as {
  targetDefaults: { test: TestTargetDefault | TestTargetDefault[] };
};
const testDefaults = ([] as TestTargetDefault[]).concat(nxJson.targetDefaults.test);

/** Projects whose Jest target runs with --passWithNoTests, by name (nx.json `test` target defaults). */
const passingWithNoTests = new Set(
  testDefaults.filter((entry) => entry.options?.passWithNoTests).flatMap((entry) => entry.filter?.projects ?? ['*']),
);

const hasSpecs = (root: string) =>
  readdirSync(join(workspaceRoot, root), { recursive: true, encoding: 'utf8' }).some(
    (path) => !path.includes('node_modules') && /\.(e2e-)?spec\.ts$/.test(path),
  );

const jestProjects = readWorkspaceProjects().filter((project) =>
  existsSync(join(workspaceRoot, project.root, 'jest.config.js')),
);

describe('passWithNoTests', () => {
  it('is never a workspace-wide default: a project that lost its specs must fail, not pass silently', () => {
    expect(passingWithNoTests.has('*')).toBe(false);
  });

  it.each(jestProjects.map((project) => [project.name, project.root]))(
    '%s has it exactly when it has no spec file',
    (name, root) => {
      expect(passingWithNoTests.has(name)).toBe(!hasSpecs(root));
    },
  );

  it('names only projects that exist', () => {
    const names = new Set(jestProjects.map((project) => project.name));
    expect([...passingWithNoTests].filter((name) => !names.has(name))).toEqual([]);
  });
});
