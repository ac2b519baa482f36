import { type Tree, workspaceRoot } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import clientBffGenerator from '../client-bff/client-bff.generator';
import composedRouteGenerator from './composed-route.generator';

const EDITED = [
  'tsconfig.base.json',
  'eslint.config.mjs',
  'tools/scripts/lib/stack-apps.mjs',
  'libs/shared/downstream-contracts/src/lib/downstream-services.json',
  'libs/shared/auth/dev-auth.json',
];

describe('composed-route generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    for (const file of EDITED) tree.write(file, readFileSync(join(workspaceRoot, file), 'utf8'));
    await clientBffGenerator(tree, { name: 'tv' });
  });

  it('refuses a project that is not a client gateway', async () => {
    await expect(composedRouteGenerator(tree, { project: 'tv-contracts', name: 'summary' })).rejects.toThrow(
      '"tv-contracts" is not a client gateway',
    );
  });

  it('refuses a route name that is not kebab-case, and one the gateway already has', async () => {
    await expect(composedRouteGenerator(tree, { project: 'tv-bff', name: 'Summary' })).rejects.toThrow(/must be kebab-case/);
    await expect(composedRouteGenerator(tree, { project: 'tv-bff', name: 'product-details' })).rejects.toThrow(
      'tv-bff already has a route "product-details"',
    );
  });

  it('writes the controller, service, mapper and its spec, the contract and an e2e spec', async () => {
    await composedRouteGenerator(tree, { project: 'tv-bff', name: 'product-summary' });

    for (const file of [
      'apps/tv-bff/src/app/product-summary/product-summary.controller.ts',
      'apps/tv-bff/src/app/product-summary/product-summary.service.ts',
      'apps/tv-bff/src/app/product-summary/product-summary.mapper.ts',
      'apps/tv-bff/src/app/product-summary/product-summary.mapper.spec.ts',
      'libs/tv/contracts/src/lib/product-summary.response.ts',
      'libs/tv/contracts/src/lib/product-summary.schemas.ts',
      'apps/tv-bff-e2e/src/product-summary.e2e-spec.ts',
    ]) {
      expect(tree.exists(file)).toBe(true);
    }
    expect(tree.read('apps/tv-bff/src/app/product-summary/product-summary.controller.ts', 'utf-8')).toContain(
      "@Controller('product-summary')",
    );
  });

  it('registers the route in the module, the API description and the contracts’ public API', async () => {
    await composedRouteGenerator(tree, { project: 'tv-bff', name: 'product-summary' });

    const module = tree.read('apps/tv-bff/src/app/app.module.ts', 'utf-8');
    expect(module).toContain("import { ProductSummaryController } from './product-summary/product-summary.controller';");
    expect(module).toContain('controllers: [ProductDetailsController, ProductSummaryController]');
    expect(module).toMatch(/ProductDetailsService,\n {4}ProductSummaryService,\n {2}\],\n\}\)/);
    expect(tree.read('apps/tv-bff/src/openapi/api-description.ts', 'utf-8')).toContain('...TV_PRODUCT_SUMMARY_SCHEMAS }');
    expect(tree.read('libs/tv/contracts/src/index.ts', 'utf-8')).toContain(
      "export type { TvProductSummary, TvProductSummaryRating } from './lib/product-summary.response';",
    );
  });
});
