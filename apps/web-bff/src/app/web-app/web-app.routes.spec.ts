import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startInProcessApp } from '@bff/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { WebBffConfig } from '../web-bff.config';
import { WEB_APP_DOCUMENT_CSP, WebAppRoutes } from './web-app.routes';

const INDEX = '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>';
const SCRIPT = 'console.log("app");';
// Large enough to be kept compressed.
const BUNDLE = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"row ${i}"`).join(',')}];`;

function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-app-'));
  mkdirSync(join(dir, 'assets', 'fonts'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'assets', 'vendor-999.js'), BUNDLE);
  writeFileSync(join(dir, 'assets', 'fonts', 'inter-789.woff2'), Buffer.from([0, 1, 2]));
  // Outside assets/: never served, whatever the URL says.
  writeFileSync(join(dir, 'secret.txt'), 'not for the web');
  return dir;
}

async function appServing(dir: string | undefined): Promise<NestFastifyApplication> {
  @Module({
    providers: [{ provide: WebBffConfig, useValue: new WebBffConfig({ WEB_APP_DIR: dir } as never) }, WebAppRoutes],
  })
  class App {}
  return startInProcessApp(App);
}

describe('the web app served by the web BFF (WEB_APP_DIR)', () => {
  let dir: string;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    dir = builtApp();
    app = await appServing(dir);
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / as HTML that is revalidated on every load, with the document CSP', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['etag']).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers['content-security-policy']).toBe(WEB_APP_DOCUMENT_CSP);
    expect(response.body).toBe(INDEX);
  });

  it('lets the document run only its own scripts and styles: no inline script, nothing from elsewhere', () => {
    expect(WEB_APP_DOCUMENT_CSP).toContain("script-src 'self'");
    expect(WEB_APP_DOCUMENT_CSP).toContain("style-src 'self'");
    expect(WEB_APP_DOCUMENT_CSP).toContain("frame-ancestors 'none'");
    expect(WEB_APP_DOCUMENT_CSP).not.toContain('unsafe');
  });

  it.each([
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-def456.css', 'text/css; charset=utf-8'],
    ['/assets/fonts/inter-789.woff2', 'font/woff2'],
  ])('serves %s as %s, cached for a year as immutable', async (url, type) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(type);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['etag']).toBeDefined();
    // An asset is not a document: the page's CSP is not repeated on it.
    expect(response.headers['content-security-policy']).toBeUndefined();
  });

  it('answers 304 without a body when If-None-Match names the ETag, weak or in a list', async () => {
    const { headers } = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    const etag = String(headers['etag']);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'if-none-match': ifNoneMatch } });
      expect(response.statusCode).toBe(304);
      expect(response.body).toBe('');
      expect(response.headers['etag']).toBe(etag);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const changed = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': '"stale"' } });
    expect(changed.statusCode).toBe(200);
  });

  it('sends the bundle compressed ahead of time as Accept-Encoding allows, with an ETag per encoding', async () => {
    const plain = await app.inject({ method: 'GET', url: '/assets/vendor-999.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BUNDLE);
    const etags = new Set([plain.headers['etag']]);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const response = await app.inject({ method: 'GET', url: '/assets/vendor-999.js', headers: { 'accept-encoding': accept } });
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.headers['vary']).toBe('accept-encoding');
      expect(response.rawPayload.length).toBeLessThan(BUNDLE.length);
      expect(decode(response.rawPayload).toString()).toBe(BUNDLE);
      etags.add(response.headers['etag']);
      const again = await app.inject({
        method: 'GET',
        url: '/assets/vendor-999.js',
        headers: { 'accept-encoding': accept, 'if-none-match': String(response.headers['etag']) },
      });
      expect(again.statusCode).toBe(304);
    }
    expect(etags.size).toBe(3);
  });

  it('sends a file too small to gain from compression as it is', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(SCRIPT);
  });

  it('answers HEAD like GET, without the body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body).toBe('');
  });

  it.each(['/assets/missing-000.js', '/assets/', '/assets/..%2Fsecret.txt'])('answers %s with a 404 problem', async (url) => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it.each(['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%2Fsecret.txt', '/secret.txt', '/index.html'])(
    'never serves %s: only index.html at / and the files loaded from assets/ exist',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('not for the web');
    },
  );

  it('serves files as they were at start-up: the disk is not read per request', async () => {
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'changed');
    writeFileSync(join(dir, 'assets', 'late-000.js'), 'late');
    expect((await app.inject({ method: 'GET', url: '/assets/index-abc123.js' })).body).toBe(SCRIPT);
    expect((await app.inject({ method: 'GET', url: '/assets/late-000.js' })).statusCode).toBe(404);
  });
});

describe('the web BFF without WEB_APP_DIR', () => {
  it('serves no app: / is not a route', async () => {
    const app = await appServing(undefined);
    try {
      expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/assets/index.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
