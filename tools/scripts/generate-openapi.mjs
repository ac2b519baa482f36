#!/usr/bin/env node
/**
 * Writes each gateway's OpenAPI 3.1 document, built by `describeApi()` of
 * `apps/<app>/src/openapi/api-description.ts` from the app's module and its
 * `@nestjs/swagger` decorators, to `apps/<app>/openapi.json` (the file the app serves
 * at `GET /openapi.json`, and that CI compares with what the code describes):
 *
 *   npm run generate:openapi                                   # both gateways
 *   node tools/scripts/generate-openapi.mjs --app web-bff      # one (the Nx target `openapi`)
 *   node tools/scripts/generate-openapi.mjs --out-dir /tmp/x   # to /tmp/x/<app>.openapi.json (the staleness spec)
 *
 * The module is scanned, never started: no port, Redis, broker or downstream service
 * is needed. TypeScript is compiled on load by SWC with the options the Jest preset
 * uses, and the workspace's path aliases are resolved by tsconfig-paths.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { requireProjectNode } from './lib/require-node.mjs';
import { WORKSPACE_ROOT } from './lib/stack-apps.mjs';

requireProjectNode();

const GATEWAYS = ['web-bff', 'mobile-bff'];

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

const require = createRequire(import.meta.url);
registerTypeScript();

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

/**
 * Lets `require` load the workspace's TypeScript. `.ts` is put first among the
 * extensions Node tries, so `./downstream-services` is the module, not the JSON twin
 * beside it (the order Jest's `moduleFileExtensions` and webpack resolve in).
 */
function registerTypeScript() {
  const Module = require('node:module');
  const swc = require('@swc/core');
  const options = {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  };
  const known = { ...Module._extensions };
  for (const extension of Object.keys(known)) delete Module._extensions[extension];
  Module._extensions['.ts'] = (module, filename) =>
    module._compile(swc.transformFileSync(filename, { ...options, filename }).code, filename);
  Object.assign(Module._extensions, known);

  const { compilerOptions } = JSON.parse(
    require('node:fs').readFileSync(join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8'),
  );
  require('tsconfig-paths').register({ baseUrl: WORKSPACE_ROOT, paths: compilerOptions.paths });
}
