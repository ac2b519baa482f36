import { workspaceRoot } from '@nx/devkit';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCatalogue } from '@bff/problem';
import { NodeScript } from './node-script';

/** Every app that describes its API, as the generator finds them: a new client's gateway is checked too. */
const GATEWAYS = readdirSync(join(workspaceRoot, 'apps'))
  .filter((app) => existsSync(join(workspaceRoot, 'apps', app, 'src/openapi/api-description.ts')))
  .sort();

/** Redocly may not phone home: no usage data, no check for a newer version. */
const OFFLINE = {
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
};

describe('the gateways’ API descriptions (npm run generate:openapi)', () => {
  let outDir: string;

  beforeAll(() => {
    outDir = mkdtempSync(join(tmpdir(), 'openapi-'));
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('finds both client gateways', () => {
    expect(GATEWAYS).toEqual(expect.arrayContaining(['mobile-bff', 'web-bff']));
  });

  it('are what the code describes today: a route, contract or problem changed without regenerating fails here', async () => {
    const run = await NodeScript.run('tools/scripts/generate-openapi.mjs', ['--out-dir', outDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    for (const app of GATEWAYS) {
      const fresh = readFileSync(join(outDir, `${app}.openapi.json`), 'utf8');
      const committed = readFileSync(join(workspaceRoot, 'apps', app, 'openapi.json'), 'utf8');
      expect({ app, text: committed }).toEqual({ app, text: fresh });
    }
  }, 60_000);

  it.each(GATEWAYS)(
    '%s: pass redocly lint (the recommended rules of redocly.yaml) without an error',
    (app) => {
      const lint = spawnSync(
        process.execPath,
        [
          join(workspaceRoot, 'node_modules/@redocly/cli/bin/cli.js'),
          'lint',
          '--format',
          'stylish',
          `apps/${app}/openapi.json`,
        ],
        { cwd: workspaceRoot, env: { ...process.env, ...OFFLINE }, encoding: 'utf8', timeout: 60_000 },
      );
      expect({ status: lint.status, output: `${lint.stdout}${lint.stderr}` }).toEqual({
        status: 0,
        output: expect.any(String),
      });
    },
  );

  it.each(GATEWAYS)('%s: are OpenAPI 3.1 with a Problem `code` enum equal to the error catalogue', (app) => {
    const document = JSON.parse(readFileSync(join(workspaceRoot, 'apps', app, 'openapi.json'), 'utf8'));
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect([...document.components.schemas.Problem.properties.code.enum].sort()).toEqual(
      Object.keys(errorCatalogue).sort(),
    );
  });
});
