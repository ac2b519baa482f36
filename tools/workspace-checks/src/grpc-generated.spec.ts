import { workspaceRoot } from '@nx/devkit';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { NodeScript } from './node-script';

const COMMITTED = join(workspaceRoot, 'libs/shared/downstream-contracts/src/lib/grpc/generated');

/** Every file under `dir`, by its path inside it, with its text. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

describe('the gRPC types generated from the protos (npm run generate:grpc)', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'grpc-generated-'));
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('are what the protos generate today: a proto changed without regenerating fails here', async () => {
    const run = await NodeScript.run('tools/scripts/generate-grpc.mjs', ['--out-dir', outDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const fresh = filesUnder(outDir);
    const committed = filesUnder(COMMITTED);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, text] of fresh) expect({ file, text: committed.get(file) }).toEqual({ file, text });
  }, 30_000);

  it('name each proto by its path in the workspace, never by a machine’s absolute path', () => {
    for (const [file, text] of filesUnder(COMMITTED)) {
      expect({ file, absolute: text.includes(workspaceRoot) }).toEqual({ file, absolute: false });
    }
  });
});
