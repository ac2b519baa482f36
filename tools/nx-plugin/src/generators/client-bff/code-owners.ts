import type { Tree } from '@nx/devkit';

/** Where GitHub looks for CODEOWNERS, in its order: the first one found is the one it reads. */
const CODEOWNERS_PLACES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
/** The workspace check's table of scopes and their teams, when the workspace has one. */
const SCOPE_OWNERS_FILE = 'tools/workspace-checks/src/ownership/ownership-check.ts';
/** An entry of that table: `  'scope:web': '@bff-org/web-team',`. */
const SCOPE_OWNER_ENTRY = /^ {2}'scope:[a-z0-9-]+': '@[\w-]+\/[\w-]+',\n/gm;

/** Aligns the owner as the file does, so the new rules read like the rest. */
const OWNER_COLUMN = 36;

/**
 * Gives the client's projects to its team (`@bff-org/<client>-team`): a section of
 * the CODEOWNERS GitHub reads, one rule per project root, and the scope's entry in the
 * ownership check's table. A workspace without a CODEOWNERS is left alone. Running it
 * twice changes nothing.
 *
 * @example
 * addCodeOwners(tree, 'tv', ['apps/tv-bff', 'apps/tv-bff-e2e', 'libs/tv/contracts']);
 */
export function addCodeOwners(tree: Tree, client: string, roots: readonly string[]): string | undefined {
  const team = `@bff-org/${client}-team`;
  const file = CODEOWNERS_PLACES.find((place) => tree.exists(place));
  if (file === undefined) return undefined;

  const codeowners = tree.read(file, 'utf-8') ?? '';
  const missing = roots.filter((root) => !codeowners.split('\n').some((line) => line.startsWith(`/${root}/ `)));
  if (missing.length > 0) {
    const rules = missing.map((root) => `/${root}/`.padEnd(OWNER_COLUMN) + team);
    const section = codeowners.includes(`# scope:${client}\n`) ? rules : [`# scope:${client}`, ...rules];
    tree.write(file, `${codeowners.replace(/\n*$/, '\n\n')}${section.join('\n')}\n`.replace(/\n\n\n+/g, '\n\n'));
  }

  const table = tree.read(SCOPE_OWNERS_FILE, 'utf-8');
  if (table !== null && !table.includes(`'scope:${client}':`)) {
    const last = [...table.matchAll(SCOPE_OWNER_ENTRY)].at(-1);
    if (last) {
      const at = last.index + last[0].length;
      tree.write(SCOPE_OWNERS_FILE, `${table.slice(0, at)}  'scope:${client}': '${team}',\n${table.slice(at)}`);
    }
  }
  return file;
}
