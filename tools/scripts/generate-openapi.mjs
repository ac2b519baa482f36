#!/usr/bin/env node
/**
 * Writes each gateway's OpenAPI 3.1 document, built by `describeApi()` of
 * `apps/<app>/src/openapi/api-description.ts` from the app's module and its
 * `@nestjs/swagger` decorators, to `apps/<app>/openapi.json` (the file the app serves
 * at `GET /openapi.json`, and that CI compares with what the code describes):
 *
 *   npm run generate:openapi                                   # every gateway
 *   node tools/scripts/generate-openapi.mjs --app web-bff      # one (the Nx target `openapi`)
 *   node tools/scripts/generate-openapi.mjs --out-dir /tmp/x   # to /tmp/x/<app>.openapi.json (the staleness spec)
 *
 * The module is scanned, never started: no port, Redis, broker or downstream service
 * is needed. TypeScript is compiled on load by SWC with the options the Jest preset
 * uses, and the workspace's path aliases are resolved by tsconfig-paths.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { registerTypeScript } from './lib/register-typescript.mjs';
import { requireProjectNode } from './lib/require-node.mjs';
import { WORKSPACE_ROOT } from './lib/stack-apps.mjs';

requireProjectNode();

/** The gateways: every app that describes its API (`src/openapi/api-description.ts`), generated ones included. */
const GATEWAYS = readdirSync(join(WORKSPACE_ROOT, 'apps'))
  .filter((app) => existsSync(join(WORKSPACE_ROOT, 'apps', app, 'src/openapi/api-description.ts')))
  .sort();

const { values } = parseArgs({
  options: { app: { type: 'string', multiple: true }, 'out-dir': { type: 'string' } },
});
const apps = values.app ?? GATEWAYS;
for (const app of apps) {
  if (!GATEWAYS.includes(app)) {
    process.stderr.write(`✖ --app must be one of ${GATEWAYS.join(', ')}, not "${app}".\n`);
    process.exit(1);
  }
}

const require = registerTypeScript();

for (const app of apps) {
  const { describeApi } = require(join(WORKSPACE_ROOT, 'apps', app, 'src/openapi/api-description.ts'));
  const document = await describeApi();
  const file = values['out-dir']
    ? join(values['out-dir'], `${app}.openapi.json`)
    : join(WORKSPACE_ROOT, 'apps', app, 'openapi.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`wrote ${relative(WORKSPACE_ROOT, file) || file}`);
}
