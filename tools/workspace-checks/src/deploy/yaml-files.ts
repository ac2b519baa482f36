import { workspaceRoot } from '@nx/devkit';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** One YAML document of a file, with where it came from. */
export interface YamlDocument {
  file: string;
  index: number;
  content: unknown;
}

/** Every `.yaml`/`.yml` file under `dir` (workspace-relative), sorted. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(join(workspaceRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.ya?ml$/.test(path))
    .map((path) => relative(workspaceRoot, join(workspaceRoot, dir, path)))
    .sort();
}

/**
 * The documents of a multi-document YAML file. A syntax error, a duplicate key or an
 * unresolved alias throws, naming the file: a manifest that does not parse is a failure.
 */
export function readYamlDocuments(file: string): YamlDocument[] {
  return parseAllDocuments(readFileSync(join(workspaceRoot, file), 'utf8'))
    .map((document, index) => {
      const [error] = document.errors;
      if (error) throw new Error(`${file}, document ${index + 1}: ${error.message}`);
      return { file, index, content: document.toJS() as unknown };
    })
    .filter((document) => document.content !== null && document.content !== undefined);
}

/**
 * A single-document YAML file with merge keys (`<<: *anchor`) resolved, as Docker
 * Compose reads them.
 */
export function readYamlFile(file: string): unknown {
  return parse(readFileSync(join(workspaceRoot, file), 'utf8'), { merge: true, uniqueKeys: true });
}
