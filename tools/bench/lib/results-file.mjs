import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WORKSPACE_ROOT } from '../../scripts/lib/stack.mjs';
import { BENCH_TMP } from './peers.mjs';

/**
 * Writes a run's results to tmp/bench/latest.json (tmp/ is gitignored), with what is
 * needed to tell runs apart: when, which commit (and whether the tree was dirty),
 * which Node, how many CPUs, pinning and options. Returns the path written,
 * relative to the workspace.
 *
 * @example
 * const file = writeResults(results, { options, pinning, cpus: 2 }); // 'tmp/bench/latest.json'
 */
export function writeResults(results, { options, pinning, cpus }) {
  mkdirSync(BENCH_TMP, { recursive: true });
  const file = join(BENCH_TMP, 'latest.json');
  const status = git(['status', '--porcelain']);
  const document = {
    date: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']),
    dirty: status === undefined ? undefined : status !== '',
    node: process.version,
    cpus,
    pinning,
    options: { ...options, groups: [...options.groups], dist: relative(WORKSPACE_ROOT, options.dist) },
    ...results,
  };
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return relative(WORKSPACE_ROOT, file);
}

function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}
