import { type Tree, getProjects, names } from '@nx/devkit';

/** kebab-case: lower-case words of letters and digits, each starting with a letter. */
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/**
 * Scopes that already mean something in the workspace: the two first clients, the
 * shared layer and the demo services. A client named after one would share its lane.
 */
const RESERVED = new Set(['web', 'mobile', 'shared', 'demo']);

/** Every name the generated files use for one client. */
export interface ClientNames {
  /** `tv`: the scope, the contracts folder, the audience's key. */
  client: string;
  /** `tv-bff`: the app, its audience and its service name in logs and metrics. */
  app: string;
  /** `Tv`: the prefix of classes and types (`TvBffConfig`, `TvProductDetails`). */
  className: string;
  /** `tv`: the prefix of camel-case values (`tvBffConfigSchema`). */
  propertyName: string;
  /** `TV`: the prefix of constants and environment variables (`TV_BFF_PORT`). */
  constantName: string;
}

/**
 * Refuses a name that is not kebab-case, that names an existing scope, or whose
 * projects or folders already exist, saying why; returns the names derived from it.
 *
 * @example
 * clientNames(tree, 'partner-portal'); // { client: 'partner-portal', app: 'partner-portal-bff', className: 'PartnerPortal', ... }
 */
export function clientNames(tree: Tree, client: string): ClientNames {
  if (!KEBAB_CASE.test(client)) {
    throw new Error(`The client name must be kebab-case (lower-case words of letters and digits, e.g. "tv" or "partner-portal"), got "${client}".`);
  }
  if (client.endsWith('-bff')) {
    throw new Error(`Name the client, not its gateway: "${client.slice(0, -4)}" makes "${client}".`);
  }
  if (RESERVED.has(client)) {
    throw new Error(`"${client}" is taken: scope:${client} already exists in this workspace. Pick another client name.`);
  }
  const app = `${client}-bff`;
  const projects = getProjects(tree);
  const taken = [app, `${app}-e2e`, `${client}-contracts`].filter((project) => projects.has(project));
  const folders = [`apps/${app}`, `apps/${app}-e2e`, `libs/${client}`].filter((folder) => tree.exists(folder));
  if (taken.length > 0 || folders.length > 0) {
    throw new Error(`A client named "${client}" already exists (${[...taken, ...folders].join(', ')}).`);
  }
  if (tree.read('eslint.config.mjs', 'utf-8')?.includes(`sourceTag: 'scope:${client}'`)) {
    throw new Error(`"${client}" is taken: eslint.config.mjs already has a rule for scope:${client}. Pick another client name.`);
  }
  const { className, propertyName, constantName } = names(client);
  return { client, app, className, propertyName, constantName };
}
