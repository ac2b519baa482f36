import { type GeneratorCallback, type Tree, generateFiles, logger, updateJson } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { addScopeRule } from './boundary-rule';
import { type ClientNames, clientNames } from './client-name';
import { addCodeOwners } from './code-owners';
import { checkGatewayPort, metricsPortFor, nextGatewayPort } from './gateway-port';
import { addPathAlias } from './path-alias';
import { addReadmeRow } from './readme-row';
import type { ClientBffSchema } from './schema';
import { addStackEntry } from './stack-entry';

const DEV_AUTH_FILE = 'libs/shared/auth/dev-auth.json';

/**
 * `nx g @bff/nx-plugin:client-bff <client> [--port N]`: a new client's gateway, wired
 * like the others (config, auth on its own audience, limits, cache, downstream clients,
 * health, metrics, OpenAPI) with one composed route, its contracts lib, its e2e
 * suite, and its place in the workspace: scope rule, path alias, development
 * audience, `npm start`, owners and the README's project table.
 *
 * @example
 * // npx nx g @bff/nx-plugin:client-bff tv --port 3002
 */
export default async function clientBffGenerator(tree: Tree, options: ClientBffSchema): Promise<GeneratorCallback> {
  const names = clientNames(tree, options.name);
  const port = options.port ?? nextGatewayPort(tree);
  checkGatewayPort(tree, port);
  const roots = [`apps/${names.app}`, `apps/${names.app}-e2e`, `libs/${names.client}/contracts`];

  generateFiles(tree, join(__dirname, 'files'), '.', {
    ...names,
    port,
    metricsPort: metricsPortFor(port),
    tmpl: '',
  });
  addPathAlias(tree, `@bff/${names.client}-contracts`, `./libs/${names.client}/contracts/src/index.ts`);
  // The audience the gateway accepts by default, and what `npm run token -- --client <client>` mints for.
  updateJson(tree, DEV_AUTH_FILE, (json) => {
    json.audiences[names.client] ??= names.app;
    return json;
  });
  addScopeRule(tree, names.client);
  addStackEntry(tree, names, port);
  const codeowners = addCodeOwners(tree, names.client, roots);
  const inReadme = addReadmeRow(tree, names);

  return () => {
    if (!codeowners) logger.info('No CODEOWNERS in .github/, the root or docs/: no owner rule added.');
    if (!inReadme) logger.warn(`README.md's project table was not found: add the rows of ${roots.join(', ')} by hand.`);
    writeOpenApi(tree.root, names);
  };
}

/**
 * The committed API description the app serves and CI compares with its code: made
 * from the generated code by the workspace's own generator, once the files are on disk.
 */
function writeOpenApi(root: string, { app }: ClientNames): void {
  try {
    execFileSync(process.execPath, ['tools/scripts/generate-openapi.mjs', '--app', app], { cwd: root, stdio: 'pipe' });
    logger.info(`Wrote apps/${app}/openapi.json.`);
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString().trim();
    logger.warn(
      `apps/${app}/openapi.json still holds a placeholder: run "npx nx run ${app}:openapi" before building.${output ? `\n${output}` : ''}`,
    );
  }
}
