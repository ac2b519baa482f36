import type { Tree } from '@nx/devkit';

const TSCONFIG_BASE = 'tsconfig.base.json';

/**
 * Adds an import path to `tsconfig.base.json`, one line at the end of `paths`, so the
 * file keeps its layout (one alias a line) instead of being rewritten by a JSON
 * serializer. Running it twice changes nothing.
 *
 * @example
 * addPathAlias(tree, '@bff/tv-contracts', './libs/tv/contracts/src/index.ts');
 */
export function addPathAlias(tree: Tree, alias: string, target: string): void {
  const source = tree.read(TSCONFIG_BASE, 'utf-8');
  if (source === null) throw new Error(`${TSCONFIG_BASE} is missing: ${alias} has nowhere to go.`);
  const paths = (JSON.parse(source) as { compilerOptions?: { paths?: Record<string, string[]> } }).compilerOptions?.paths;
  if (paths === undefined) throw new Error(`${TSCONFIG_BASE} has no compilerOptions.paths: add ${alias} by hand.`);
  if (alias in paths) return;

  const open = source.indexOf('"paths": {');
  const close = source.indexOf('}', open);
  const last = source.slice(0, close).trimEnd().length;
  const indent = /\n(\s*)"/.exec(source.slice(open + 10, close))?.[1] ?? '      ';
  const entry = `${Object.keys(paths).length > 0 ? ',' : ''}\n${indent}${JSON.stringify(alias)}: [${JSON.stringify(target)}]`;
  tree.write(TSCONFIG_BASE, source.slice(0, last) + entry + source.slice(last));
}
