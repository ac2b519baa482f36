import { type Tree, readProjectConfiguration, workspaceRoot } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addScopeRule } from './boundary-rule';
import clientBffGenerator from './client-bff.generator';
import { addCodeOwners } from './code-owners';
import { addPathAlias } from './path-alias';
import { addReadmeRow } from './readme-row';
import { addStackEntry } from './stack-entry';

/** The workspace files the generator edits, as they are today. */
const EDITED = [
  'tsconfig.base.json',
  'eslint.config.mjs',
  'tools/scripts/lib/stack-apps.mjs',
  'libs/shared/downstream-contracts/src/lib/downstream-services.json',
  'libs/shared/auth/dev-auth.json',
  'README.md',
];

function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of EDITED) tree.write(file, readFileSync(join(workspaceRoot, file), 'utf8'));
  tree.write(
    '.github/CODEOWNERS',
    '*                                   @bff-org/platform-team\n\n# scope:mobile\n/apps/mobile-bff/                   @bff-org/mobile-team\n',
  );
  return tree;
}

describe('client-bff generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = workspaceTree();
  });

  it.each(['TV', 'tv_box', 'tv-', '2tv', 'tv--box', 'tv box'])('refuses "%s", which is not kebab-case', async (name) => {
    await expect(clientBffGenerator(tree, { name })).rejects.toThrow(/must be kebab-case/);
  });

  it.each(['web', 'mobile', 'shared', 'demo'])('refuses "%s", a scope the workspace already has', async (name) => {
    await expect(clientBffGenerator(tree, { name })).rejects.toThrow(`"${name}" is taken`);
  });

  it('refuses a gateway name in place of a client name', async () => {
    await expect(clientBffGenerator(tree, { name: 'tv-bff' })).rejects.toThrow('Name the client, not its gateway: "tv"');
  });

  it('refuses a client that already exists', async () => {
    await clientBffGenerator(tree, { name: 'tv' });
    await expect(clientBffGenerator(tree, { name: 'tv' })).rejects.toThrow('A client named "tv" already exists');
  });

  it('refuses a port the local stack already uses', async () => {
    await expect(clientBffGenerator(tree, { name: 'tv', port: 3001 })).rejects.toThrow('Port 3001 is already used');
  });

  it('creates the gateway, its contracts and its e2e suite in the client’s scope', async () => {
    await clientBffGenerator(tree, { name: 'partner-portal' });

    expect(readProjectConfiguration(tree, 'partner-portal-bff').tags).toEqual(['scope:partner-portal', 'type:app']);
    expect(readProjectConfiguration(tree, 'partner-portal-contracts').tags).toEqual(['scope:partner-portal', 'type:contract']);
    expect(readProjectConfiguration(tree, 'partner-portal-bff-e2e').tags).toEqual(['scope:partner-portal', 'type:e2e']);
    const config = tree.read('apps/partner-portal-bff/src/app/partner-portal-bff.config.ts', 'utf-8');
    expect(config).toContain("authConfigShape('partner-portal')");
    expect(config).toContain('export class PartnerPortalBffConfig');
    expect(tree.read('libs/partner-portal/contracts/src/index.ts', 'utf-8')).toContain('PARTNER_PORTAL_CONTRACT_SCHEMAS');
  });

  it('takes the next free port after the gateways’, and its metrics port in the 9300s', async () => {
    await clientBffGenerator(tree, { name: 'tv' });
    await clientBffGenerator(tree, { name: 'kiosk' });

    const stack = tree.read('tools/scripts/lib/stack-apps.mjs', 'utf-8');
    expect(stack).toContain("{ name: 'tv-bff', root: 'apps/tv-bff', portEnv: 'TV_BFF_PORT', defaultPort: 3002 },");
    expect(stack).toContain("{ name: 'kiosk-bff', root: 'apps/kiosk-bff', portEnv: 'KIOSK_BFF_PORT', defaultPort: 3003 },");
    const config = tree.read('apps/tv-bff/src/app/tv-bff.config.ts', 'utf-8');
    expect(config).toContain('listenConfigShape(3002)');
    expect(config).toContain('metricsConfigShape(9302)');
  });

  it('uses the port it is given', async () => {
    await clientBffGenerator(tree, { name: 'tv', port: 3100 });
    expect(tree.read('apps/tv-bff/src/app/tv-bff.config.ts', 'utf-8')).toContain('listenConfigShape(3100)');
    expect(tree.read('tools/scripts/lib/stack-apps.mjs', 'utf-8')).toContain('defaultPort: 3100 }');
  });

  it('keeps the new client apart: its own scope rule, beside the other clients’', async () => {
    await clientBffGenerator(tree, { name: 'tv' });

    const rules = (tree.read('eslint.config.mjs', 'utf-8') ?? '').split('\n').filter((line) => line.includes("sourceTag: 'scope:"));
    expect(rules.slice(0, 3)).toEqual([
      expect.stringContaining("sourceTag: 'scope:web'"),
      expect.stringContaining("sourceTag: 'scope:mobile'"),
      "  { sourceTag: 'scope:tv', onlyDependOnLibsWithTags: ['scope:tv', 'scope:shared'] },",
    ]);
  });

  it('adds the path alias and the development audience without reformatting their files', async () => {
    const before = tree.read('tsconfig.base.json', 'utf-8') ?? '';
    await clientBffGenerator(tree, { name: 'tv' });

    const after = tree.read('tsconfig.base.json', 'utf-8') ?? '';
    expect(JSON.parse(after).compilerOptions.paths['@bff/tv-contracts']).toEqual(['./libs/tv/contracts/src/index.ts']);
    expect(after.split('\n').length).toBe(before.split('\n').length + 1);
    expect(JSON.parse(tree.read('libs/shared/auth/dev-auth.json', 'utf-8') ?? '{}').audiences.tv).toBe('tv-bff');
  });

  it('gives the projects to the client’s team in CODEOWNERS, in a section of its scope', async () => {
    await clientBffGenerator(tree, { name: 'tv' });

    expect(tree.read('.github/CODEOWNERS', 'utf-8')).toMatch(
      /\n\n# scope:tv\n\/apps\/tv-bff\/ +@bff-org\/tv-team\n\/apps\/tv-bff-e2e\/ +@bff-org\/tv-team\n\/libs\/tv\/contracts\/ +@bff-org\/tv-team\n$/,
    );
  });

  it('adds the client to the README’s project table', async () => {
    await clientBffGenerator(tree, { name: 'tv' });
    await clientBffGenerator(tree, { name: 'kiosk' });
    expect(tree.read('README.md', 'utf-8')).toMatch(
      /\n\| `mobile-bff` \|.*\n\| `tv-bff`, `tv-bff-e2e`, `@bff\/tv-contracts` \|.*\n\| `kiosk-bff`, `kiosk-bff-e2e`/,
    );
  });

  it('changes nothing when a workspace edit runs again', async () => {
    await clientBffGenerator(tree, { name: 'tv' });
    const files = [...EDITED, '.github/CODEOWNERS'];
    const before = files.map((file) => tree.read(file, 'utf-8'));

    addScopeRule(tree, 'tv');
    addStackEntry(tree, { app: 'tv-bff', constantName: 'TV' }, 3002);
    addPathAlias(tree, '@bff/tv-contracts', './libs/tv/contracts/src/index.ts');
    addCodeOwners(tree, 'tv', ['apps/tv-bff', 'apps/tv-bff-e2e', 'libs/tv/contracts']);
    addReadmeRow(tree, { client: 'tv', app: 'tv-bff' });

    expect(files.map((file) => tree.read(file, 'utf-8'))).toEqual(before);
  });
});
