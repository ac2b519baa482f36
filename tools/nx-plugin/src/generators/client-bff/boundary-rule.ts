import type { Tree } from '@nx/devkit';

const ESLINT_CONFIG = 'eslint.config.mjs';

/** The first rule of `depConstraints`, the array the new scope's rule joins. */
const CONSTRAINTS_START = /export const depConstraints = \[\n/;
/** A client scope's rule: one line, `{ sourceTag: 'scope:<client>', onlyDependOnLibsWithTags: [...] },`. */
const SCOPE_RULE = /^ {2}\{ sourceTag: 'scope:[a-z0-9-]+', onlyDependOnLibsWithTags: \[[^\]]*\] \},\n/gm;

/**
 * Adds the client's scope rule to the root ESLint config, beside the other clients'
 * rules: the new client imports its own and shared code only, and (since every other
 * scope lists its allowed scopes) no other client can import its code either.
 * Running it twice changes nothing.
 *
 * @example
 * addScopeRule(tree, 'tv'); // + { sourceTag: 'scope:tv', onlyDependOnLibsWithTags: ['scope:tv', 'scope:shared'] },
 */
export function addScopeRule(tree: Tree, client: string): void {
  const config = tree.read(ESLINT_CONFIG, 'utf-8');
  if (config === null) throw new Error(`${ESLINT_CONFIG} is missing: the scope rule of "${client}" has nowhere to go.`);
  if (config.includes(`sourceTag: 'scope:${client}'`)) return;

  const start = CONSTRAINTS_START.exec(config);
  if (!start) throw new Error(`${ESLINT_CONFIG} has no "export const depConstraints = [": add the rule for scope:${client} by hand.`);
  const rule = `  { sourceTag: 'scope:${client}', onlyDependOnLibsWithTags: ['scope:${client}', 'scope:shared'] },\n`;
  // After the last client rule that precedes `scope:shared`, so the clients stay together.
  const rules = [...config.matchAll(SCOPE_RULE)].filter((match) => match.index > start.index);
  const lastClient = rules.filter((match) => !/sourceTag: 'scope:(shared|demo)'/.test(match[0])).at(-1);
  const at = lastClient ? lastClient.index + lastClient[0].length : start.index + start[0].length;
  tree.write(ESLINT_CONFIG, config.slice(0, at) + rule + config.slice(at));
}
