import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { webAppConfigShape } from './web-app.config';

describe('WEB_APP_DIR', () => {
  const schema = z.object(webAppConfigShape());
  let built: string;
  let empty: string;

  beforeAll(() => {
    built = mkdtempSync(join(tmpdir(), 'web-app-'));
    writeFileSync(join(built, 'index.html'), '<!doctype html>');
    empty = mkdtempSync(join(tmpdir(), 'web-app-empty-'));
  });

  afterAll(() => {
    rmSync(built, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('is optional: unset, the gateway serves the API only', () => {
    expect(schema.parse({})).toEqual({});
  });

  it('takes a directory holding index.html', () => {
    expect(schema.parse({ WEB_APP_DIR: built })).toEqual({ WEB_APP_DIR: built });
  });

  it.each([
    ['a directory without index.html', () => empty],
    ['a path that does not exist', () => join(empty, 'missing')],
    ['a file', () => join(built, 'index.html')],
    ['an empty value', () => ''],
  ])('refuses %s, naming WEB_APP_DIR', (_label, dir) => {
    const result = schema.safeParse({ WEB_APP_DIR: dir() });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['WEB_APP_DIR']);
  });
});
