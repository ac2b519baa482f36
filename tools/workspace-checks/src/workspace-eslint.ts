import { createProjectGraphAsync, workspaceRoot } from '@nx/devkit';
import { ESLint, Linter } from 'eslint';
import { join } from 'node:path';

/** One entry of the `depConstraints` exported by the root `eslint.config.mjs`. */
export interface DepConstraint {
  sourceTag: string;
  onlyDependOnLibsWithTags?: string[];
  notDependOnLibsWithTags?: string[];
}

interface RootEslintConfig {
  default: Linter.Config[];
  depConstraints: DepConstraint[];
}

/**
 * The root `eslint.config.mjs`. ESLint would load it with a native `import()`, which
 * Jest only allows behind `--experimental-vm-modules`; this project's Jest config
 * compiles `.mjs` to CommonJS instead, so the real file is loaded either way.
 */
export async function loadRootEslintConfig(): Promise<RootEslintConfig> {
  return (await import(join(workspaceRoot, 'eslint.config.mjs'))) as RootEslintConfig;
}

/**
 * An ESLint instance configured exactly as `npx eslint` at the workspace root. The
 * boundary rule reads the cached Nx project graph and silently skips itself when there
 * is none (a fresh clone); computing the graph first makes the checks meaningful there.
 */
export async function createWorkspaceEslint(): Promise<ESLint> {
  await createProjectGraphAsync({ exitOnError: false });
  const config = await loadRootEslintConfig();
  return new ESLint({ cwd: workspaceRoot, overrideConfigFile: true, overrideConfig: config.default });
}

/** The `@nx/enforce-module-boundaries` findings for `code` as if it lived at `file`. */
export async function boundaryFindings(
  eslint: ESLint,
  file: string,
  code: string,
): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(workspaceRoot, file) });
  return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries');
}
