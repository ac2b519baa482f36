import { workspaceRoot } from '@nx/devkit';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readWorkspaceProjects } from '../workspace-projects';
import { ownershipProblems } from './ownership-check';

/** Where the workspace keeps its CODEOWNERS; GitHub looks here first. */
const CODEOWNERS = '.github/CODEOWNERS';

/** The other places GitHub would read a CODEOWNERS from, were there none in `.github/`. */
const OTHER_PLACES = ['CODEOWNERS', 'docs/CODEOWNERS'];

/** Installed packages, build output, reports and caches: ignored by git, so GitHub never sees them. */
const NEVER_COMMITTED = new Set(['.git', 'node_modules', '.nx', 'dist', 'tmp', 'coverage', 'reports']);

/** Every file of the workspace GitHub would see, workspace-relative with `/` separators. */
function workspaceFiles(dir = ''): string[] {
  return readdirSync(join(workspaceRoot, dir), { withFileTypes: true })
    .filter((entry) => !NEVER_COMMITTED.has(entry.name))
    .flatMap((entry) => {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) return workspaceFiles(path);
      return entry.isFile() ? [path] : [];
    });
}

describe('code owners', () => {
  it(`keeps one CODEOWNERS, at ${CODEOWNERS}, so no other file can take its place`, () => {
    expect(existsSync(join(workspaceRoot, CODEOWNERS))).toBe(true);
    expect(OTHER_PLACES.filter((path) => existsSync(join(workspaceRoot, path)))).toEqual([]);
  });

  it("gives each project to its scope's team, by a rule for its root, and names only paths that exist", () => {
    const problems = ownershipProblems({
      codeowners: readFileSync(join(workspaceRoot, CODEOWNERS), 'utf8'),
      projects: readWorkspaceProjects(),
      files: workspaceFiles(),
    });

    expect(problems).toEqual([]);
  });
});
