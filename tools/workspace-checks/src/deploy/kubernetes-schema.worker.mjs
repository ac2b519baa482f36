// Validates Kubernetes objects against the OpenAPI schema of their apiVersion and kind
// with kubernetes-models, offline. Reads a JSON array of objects on stdin and writes a
// JSON array with the problems of each (an empty array when it is valid).
//
// A process of its own because kubernetes-models ships ES modules only, which Jest's
// CommonJS runtime cannot load (see kubernetes-schema.ts).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '../../../../node_modules/kubernetes-models');

async function problemsOf(object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return ['apiVersion and kind are required'];
  // `v1` is the core group (v1/), `apps/v1` is apps/v1/, `policy/v1` is policy/v1/.
  const index = join(PACKAGE, ...apiVersion.split('/'), 'index.js');
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(apiVersion) || !existsSync(index))
    return [`unknown apiVersion ${apiVersion}`];
  const Model = (await import(pathToFileURL(index).href))[kind];
  if (typeof Model !== 'function') return [`unknown kind ${kind} in ${apiVersion}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const object of objects) problems.push(await problemsOf(object));
process.stdout.write(JSON.stringify(problems));
