import type { ESLint } from 'eslint';
import { boundaryFindings, createWorkspaceEslint } from './workspace-eslint';

/** A module that imports `specifier` and uses it, so only the boundary rule can object. */
function importing(specifier: string): string {
  return `import * as imported from '${specifier}';\n\nexport const used = imported;\n`;
}

const WEB_BFF = 'apps/web-bff/src/app/boundary-check.ts';
const MOBILE_BFF = 'apps/mobile-bff/src/app/boundary-check.ts';
const DEMO_SERVICE = 'apps/demo/product-service/src/app/boundary-check.ts';
const PROBLEM_LIB = 'libs/shared/problem/src/lib/boundary-check.ts';
const WEB_CONTRACTS = 'libs/web/contracts/src/lib/boundary-check.ts';
const SHARED_CONTRACTS = 'libs/shared/contracts/src/lib/boundary-check.ts';
const MOBILE_E2E = 'apps/mobile-bff-e2e/src/boundary-check.ts';
const SHARED_LIB = 'libs/shared/composition/src/lib/boundary-check.ts';
const MOBILE_CLIENT = 'libs/mobile/client/src/lib/boundary-check.ts';
const WEB_APP = 'apps/web/src/api/boundary-check.ts';
const WEB_SDK = 'libs/web/sdk/src/lib/boundary-check.ts';
// A util lib that no project imports, so no dependency cycle can mask the tag rule.
const LEAF_UTIL = 'tools/workspace-checks/src/boundary-check.ts';

describe('module boundaries', () => {
  let eslint: ESLint;

  beforeAll(async () => {
    eslint = await createWorkspaceEslint();
  });

  it.each([
    {
      who: 'the web BFF',
      file: WEB_BFF,
      specifier: '@bff/mobile-contracts',
      reason: /"scope:web" can only depend/,
    },
    {
      who: 'the mobile BFF',
      file: MOBILE_BFF,
      specifier: '@bff/web-contracts',
      reason: /"scope:mobile" can only depend/,
    },
    {
      who: 'a demo service',
      file: DEMO_SERVICE,
      specifier: '@bff/service-clients',
      reason: /"scope:demo" can not depend on libs tagged with "type:feature", "type:data-access"/,
    },
    {
      who: 'a util lib',
      file: LEAF_UTIL,
      specifier: '@bff/service-clients',
      reason: /"type:util" can only depend/,
    },
    { who: 'a util lib', file: LEAF_UTIL, specifier: '@bff/auth', reason: /"type:util" can only depend/ },
    // service-clients and auth build on problem, so the rule reports the import as the
    // cycle it closes before it gets to the tags; either way it is an error.
    {
      who: 'the problem lib',
      file: PROBLEM_LIB,
      specifier: '@bff/service-clients',
      reason: /"type:util" can only depend|Circular dependency between "problem" and "service-clients"/,
    },
    {
      who: 'the problem lib',
      file: PROBLEM_LIB,
      specifier: '@bff/auth',
      reason: /"type:util" can only depend|Circular dependency between "problem" and "auth"/,
    },
    // Gateway middleware: each registers a global guard, interceptor or cache hook.
    ...['@bff/auth', '@bff/throttling', '@bff/caching', '@bff/reviews'].map((specifier) => ({
      who: 'a demo service',
      file: DEMO_SERVICE,
      specifier,
      reason: /"scope:demo" can not depend on libs tagged with "type:feature"/,
    })),
    { who: 'a shared lib', file: SHARED_LIB, specifier: '@bff/web-contracts', reason: /"scope:shared" can only depend/ },
    { who: 'a client contract', file: WEB_CONTRACTS, specifier: '@bff/composition', reason: /"type:contract" can only depend/ },
    { who: 'a client contract', file: WEB_CONTRACTS, specifier: '@bff/problem', reason: /"type:contract" can only depend/ },
    { who: 'the shared contracts', file: SHARED_CONTRACTS, specifier: '@nestjs/common', reason: /"type:contract" is not allowed to import "@nestjs\/common"/ },
    { who: 'an e2e suite', file: MOBILE_E2E, specifier: '@bff/composition', reason: /"type:e2e" can only depend/ },
    { who: 'an e2e suite', file: MOBILE_E2E, specifier: '@bff/platform', reason: /"type:e2e" can only depend/ },
    // An app may take an SDK (the browser app calls its gateway with one), but only its own client's.
    { who: 'the mobile BFF', file: MOBILE_BFF, specifier: '@bff/web-sdk', reason: /"scope:mobile" can only depend/ },
    { who: 'the web app', file: WEB_APP, specifier: '@bff/mobile-sdk', reason: /"scope:web" can only depend/ },
    { who: 'the web SDK', file: WEB_SDK, specifier: '@bff/mobile-sdk', reason: /"scope:web" can only depend/ },
    { who: 'the web SDK', file: WEB_SDK, specifier: '@bff/problem', reason: /"type:sdk" can only depend/ },
    { who: 'the phone-app client', file: MOBILE_CLIENT, specifier: '@bff/web-sdk', reason: /"scope:mobile" can only depend/ },
    {
      who: 'a util lib',
      file: LEAF_UTIL,
      specifier: '@bff/web-sdk',
      reason: /"scope:shared" can only depend|"type:util" can only depend/,
    },
    { who: 'the phone-app client', file: MOBILE_CLIENT, specifier: '@bff/problem', reason: /"type:sdk" can only depend/ },
    { who: 'the phone-app client', file: MOBILE_CLIENT, specifier: '@bff/web-contracts', reason: /"scope:mobile" can only depend/ },
  ])('forbids $who to import $specifier', async ({ file, specifier, reason }) => {
    const findings = await boundaryFindings(eslint, file, importing(specifier));

    expect(findings).toContainEqual(
      expect.objectContaining({ severity: 2, message: expect.stringMatching(reason) }),
    );
  });

  it.each([
    { who: 'the web BFF', file: WEB_BFF, specifier: '@bff/web-contracts' },
    { who: 'the web BFF', file: WEB_BFF, specifier: '@bff/problem' },
    { who: 'the mobile BFF', file: MOBILE_BFF, specifier: '@bff/mobile-contracts' },
    { who: 'a demo service', file: DEMO_SERVICE, specifier: '@bff/demo-kit' },
    { who: 'a demo service', file: DEMO_SERVICE, specifier: '@bff/platform' },
    { who: 'a client contract', file: WEB_CONTRACTS, specifier: '@bff/contracts' },
    { who: 'a client contract', file: WEB_CONTRACTS, specifier: '@bff/downstream-contracts' },
    { who: 'an e2e suite', file: MOBILE_E2E, specifier: '@bff/testing' },
    { who: 'an e2e suite', file: MOBILE_E2E, specifier: '@bff/mobile-contracts' },
    { who: 'an e2e suite', file: MOBILE_E2E, specifier: '@bff/mobile-client' },
    { who: 'the phone-app client', file: MOBILE_CLIENT, specifier: '@bff/mobile-contracts' },
    { who: 'the phone-app client', file: MOBILE_CLIENT, specifier: '@bff/mobile-sdk' },
    { who: 'the web app', file: WEB_APP, specifier: '@bff/web-sdk' },
    { who: 'the web SDK', file: WEB_SDK, specifier: '@bff/web-contracts' },
    { who: 'an e2e suite', file: MOBILE_E2E, specifier: '@bff/mobile-sdk' },
  ])('allows $who to import $specifier', async ({ file, specifier }) => {
    await expect(boundaryFindings(eslint, file, importing(specifier))).resolves.toEqual([]);
  });
});
