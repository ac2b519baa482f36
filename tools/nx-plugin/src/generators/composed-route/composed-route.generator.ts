import { type GeneratorCallback, type Tree, generateFiles, logger } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describeInApi, exportFromContracts, registerInAppModule } from './route-wiring';
import { routeTarget } from './route-target';
import type { ComposedRouteSchema } from './schema';

/**
 * `nx g @bff/nx-plugin:composed-route --project <client>-bff --name <route>`: a route
 * `GET /<route>/:productId` composing the product (required) and its rating (optional)
 * within one budget: controller, service, mapper with its spec, contract types and
 * schemas, and an e2e spec that runs. The skeleton answers as generated; its shape is
 * the client's to change.
 *
 * @example
 * // npx nx g @bff/nx-plugin:composed-route --project tv-bff --name product-summary
 */
export default async function composedRouteGenerator(tree: Tree, options: ComposedRouteSchema): Promise<GeneratorCallback> {
  const target = routeTarget(tree, options.project, options.name);
  generateFiles(tree, join(__dirname, 'files'), '.', { ...target, tmpl: '' });
  registerInAppModule(tree, target);
  describeInApi(tree, target);
  exportFromContracts(tree, target);

  return () => {
    try {
      execFileSync(process.execPath, ['tools/scripts/generate-openapi.mjs', '--app', target.app], { cwd: tree.root, stdio: 'pipe' });
      logger.info(`Wrote apps/${target.app}/openapi.json.`);
    } catch (error) {
      const output = (error as { stderr?: Buffer }).stderr?.toString().trim();
      logger.warn(`apps/${target.app}/openapi.json is stale: run "npx nx run ${target.app}:openapi".${output ? `\n${output}` : ''}`);
    }
  };
}
