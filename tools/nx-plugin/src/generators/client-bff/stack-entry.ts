import type { Tree } from '@nx/devkit';
import { STACK_APPS_FILE } from './gateway-port';

/** A gateway's entry in `STACK_APPS`: one line, `{ name: '<app>', root: ..., defaultPort: N },`. */
const GATEWAY_ENTRY = /^ {2}\{ name: '[a-z0-9-]+-bff', .*\},\n/gm;

/**
 * Adds the gateway to the stack `npm start` runs, after the other gateways, on its
 * port, moved like theirs by `<CLIENT>_BFF_PORT`. Running it twice changes nothing.
 *
 * @example
 * addStackEntry(tree, { app: 'tv-bff', constantName: 'TV' }, 3002);
 */
export function addStackEntry(tree: Tree, names: { app: string; constantName: string }, port: number): void {
  const source = tree.read(STACK_APPS_FILE, 'utf-8');
  if (source === null) throw new Error(`${STACK_APPS_FILE} is missing: npm start cannot run ${names.app}.`);
  if (source.includes(`name: '${names.app}'`)) return;

  const last = [...source.matchAll(GATEWAY_ENTRY)].at(-1);
  if (!last) throw new Error(`${STACK_APPS_FILE} lists no gateway to add ${names.app} after: add its entry by hand.`);
  const entry = `  { name: '${names.app}', root: 'apps/${names.app}', portEnv: '${names.constantName}_BFF_PORT', defaultPort: ${port} },\n`;
  const at = last.index + last[0].length;
  tree.write(STACK_APPS_FILE, source.slice(0, at) + entry + source.slice(at));
}
