/**
 * Lets a workspace script `require` the workspace's TypeScript: compiled on load by SWC
 * with the options the Jest preset uses, the path aliases of `tsconfig.base.json`
 * resolved by tsconfig-paths. `.ts` is put first among the extensions Node tries, so
 * `./downstream-services` is the module, not the JSON twin beside it (the order Jest's
 * `moduleFileExtensions` and webpack resolve in).
 *
 * @example
 * import { registerTypeScript } from './lib/register-typescript.mjs';
 * const require = registerTypeScript();
 * const { MobileBffClient } = require('@bff/mobile-client');
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './stack-apps.mjs';

export function registerTypeScript() {
  const require = createRequire(import.meta.url);
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
  if (!Module._extensions['.ts']) {
    const known = { ...Module._extensions };
    for (const extension of Object.keys(known)) delete Module._extensions[extension];
    Module._extensions['.ts'] = (module, filename) =>
      module._compile(swc.transformFileSync(filename, { ...options, filename }).code, filename);
    Object.assign(Module._extensions, known);

    const { compilerOptions } = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8'));
    require('tsconfig-paths').register({ baseUrl: WORKSPACE_ROOT, paths: compilerOptions.paths });
  }
  return require;
}
