import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** What a manifest starts with: which API object it is. */
export interface TypeMeta {
  apiVersion: string;
  kind: string;
}

/**
 * Validates objects against the Kubernetes OpenAPI schemas of their `apiVersion` and
 * `kind` (kubernetes-models' `validate()`, offline), one list of problems per object:
 * an unknown API version or kind is one, so a typo cannot skip the check.
 *
 * kubernetes-models ships ES modules only, with an `import`-only `exports` map, which
 * Jest's CommonJS runtime cannot load, so a plain Node process does the validating.
 *
 * @example
 * kubernetesSchemaProblems([{ apiVersion: 'v1', kind: 'Service', spec: { ports: [{ port: 'x' }] } }]);
 * // [['data/spec/ports/0/port must be integer']]
 */
export function kubernetesSchemaProblems(objects: TypeMeta[]): string[][] {
  const run = spawnSync(process.execPath, [join(__dirname, 'kubernetes-schema.worker.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0)
    throw new Error(`kubernetes-schema.worker.mjs failed (${run.status ?? run.signal}): ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}
