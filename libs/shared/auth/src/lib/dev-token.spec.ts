import { loadConfig, TypedConfig } from '@bff/config';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { authConfigShape, authOptionsFromConfig, refineAuthConfig } from './auth-config.schema';
import type { BffClient } from './dev-auth';
import { bearer, startTestApp, type TestApp } from './testing/test-app.fixture';

const workspaceRoot = join(__dirname, '../../../../..');

async function mint(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['tools/scripts/token.mjs', ...args], {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] },
  });
  return stdout;
}

/** A gateway on the development key, as `npm start` runs it (`AUTH_MODE=development` on loopback). */
function devGateway(client: BffClient): Promise<TestApp> {
  const schema = z.object({ HOST: z.string(), ...authConfigShape(client) }).superRefine(refineAuthConfig);
  const env = { HOST: '127.0.0.1', AUTH_MODE: 'development' };
  return startTestApp({ auth: authOptionsFromConfig(new TypedConfig(loadConfig(schema, env))) });
}

describe('npm run token', () => {
  let web: TestApp;
  let mobile: TestApp;

  beforeAll(async () => {
    [web, mobile] = await Promise.all([devGateway('web'), devGateway('mobile')]);
  });

  afterAll(() => Promise.all([web.close(), mobile.close()]));

  it('prints only a token that the development gateway of that client accepts, with the scopes asked for', async () => {
    const output = await mint('--client', 'mobile', '--sub', '1', '--scopes', 'orders:write,users:read:any');
    expect(output).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const response = await mobile.fetch('/profile', bearer(output.trim()));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      user: { sub: '1', scopes: ['orders:write', 'users:read:any'], client: 'mobile', via: 'bearer' },
    });
  });

  it('mints a token the other gateway refuses', async () => {
    const token = (await mint('--client', 'web', '--sub', '3')).trim();
    expect((await web.fetch('/users/3', bearer(token))).status).toBe(200);
    expect((await mobile.fetch('/users/3', bearer(token))).status).toBe(401);
  });

  it('mints an RFC 9068 access token: typ at+jwt', async () => {
    const token = (await mint('--client', 'web')).trim();
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'at+jwt' });
  });

  it('honours --ttl up to the gateways\' longest token lifetime (24 h), and refuses longer', async () => {
    const token = (await mint('--client', 'web', '--ttl', '90s')).trim();
    const { iat, exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { iat: number; exp: number };
    expect(exp - iat).toBe(90);
    const day = (await mint('--client', 'web', '--ttl', '1d')).trim();
    expect((await web.fetch('/profile', bearer(day))).status).toBe(200);
    await expect(mint('--client', 'web', '--ttl', '2d')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--ttl') });
  });

  it('refuses an unknown client', async () => {
    await expect(mint('--client', 'tv')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('--client') });
  });
});
