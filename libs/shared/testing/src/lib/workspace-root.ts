import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory holding `nx.json`, found by walking up from this file, so suites
 * work from any project and from a fresh clone in CI.
 *
 * @example
 * join(workspaceRoot(), 'dist/apps/web-bff/main.js');
 */
export function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('nx.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}
