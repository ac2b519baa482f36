import { workspaceRoot } from '@nx/devkit';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack, { type Stats, type WebpackPluginInstance } from 'webpack';

interface Tolerated {
  module?: RegExp;
  message?: RegExp;
}
interface WarningsAsErrorsPluginModule {
  WarningsAsErrorsPlugin: new (options?: { tolerate?: Tolerated[] }) => WebpackPluginInstance;
}

const { WarningsAsErrorsPlugin } = require(
  join(workspaceRoot, 'tools/webpack/warnings-as-errors.plugin.js'),
) as WarningsAsErrorsPluginModule;

const MISSING_EXPORT = /export 'Missing' \(imported as 'Missing'\) was not found/;

/** Bundles a two-module project whose entry imports a name the other module lacks. */
function buildWithMissingExport(dir: string, plugins: WebpackPluginInstance[]): Promise<Stats> {
  writeFileSync(join(dir, 'values.js'), 'export const present = 1;\n');
  writeFileSync(join(dir, 'main.js'), "import { Missing, present } from './values';\nconsole.log(Missing, present);\n");
  const compiler = webpack({
    mode: 'none',
    target: 'node',
    context: dir,
    entry: './main.js',
    output: { path: join(dir, 'dist') },
    infrastructureLogging: { level: 'none' },
    plugins,
  });
  return new Promise((resolve, reject) =>
    compiler.run((error, stats) => {
      compiler.close(() => (error || !stats ? reject(error) : resolve(stats)));
    }),
  );
}

describe('WarningsAsErrorsPlugin (tools/webpack): a webpack warning fails the build', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warnings-as-errors-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the fixture alone builds with one warning and no error', async () => {
    const stats = await buildWithMissingExport(dir, []);

    expect(stats.hasErrors()).toBe(false);
    expect(stats.compilation.getWarnings().map((warning) => warning.message)).toEqual([
      expect.stringMatching(MISSING_EXPORT),
    ]);
  });

  it('reports the warning as an error instead, so the build fails', async () => {
    const stats = await buildWithMissingExport(dir, [new WarningsAsErrorsPlugin()]);

    expect(stats.hasWarnings()).toBe(false);
    expect(stats.hasErrors()).toBe(true);
    expect(stats.compilation.getErrors().map((error) => error.message)).toEqual([
      expect.stringMatching(MISSING_EXPORT),
    ]);
  });

  it('leaves a tolerated warning a warning, matched by module path and message', async () => {
    const stats = await buildWithMissingExport(dir, [
      new WarningsAsErrorsPlugin({ tolerate: [{ module: /[\\/]main\.js$/, message: /'Missing'/ }] }),
    ]);

    expect(stats.hasErrors()).toBe(false);
    expect(stats.compilation.getWarnings()).toHaveLength(1);
  });

  it('still fails on a warning the tolerated entries do not match', async () => {
    const stats = await buildWithMissingExport(dir, [
      new WarningsAsErrorsPlugin({ tolerate: [{ module: /[\\/]main\.js$/, message: /'Other'/ }] }),
    ]);

    expect(stats.hasErrors()).toBe(true);
  });
});
