import { AppProcess, deleteAmqpTopology, request, uniqueAmqpPrefix } from '@bff/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROBLEM = /^application\/problem\+json/;
const API_CSP = "default-src 'none';frame-ancestors 'none'";

/** What a start attempt printed before it ended; `started` when the app came up after all. */
async function startAttempt(env: Record<string, string>): Promise<string> {
  try {
    const app = await AppProcess.start('web-bff', env);
    await app.stop();
    return 'started';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The browser app served by the web BFF process itself (`WEB_APP_DIR`): the document
 * and its hashed assets with their caching rules, the API beside them unchanged, and
 * a directory that is not a built app refused at start-up. The app here is a stand-in
 * build of the suite's own, so the suite does not depend on the real app's bundle.
 */
describe('web-bff serving the browser app (WEB_APP_DIR)', () => {
  let dir: string;
  let bff: AppProcess;
  const amqpQueuePrefix = uniqueAmqpPrefix();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-app-e2e-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc.js"></script>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'document.title = "app";');
    writeFileSync(join(dir, 'assets', 'index-def.css'), 'body { margin: 0 }');
    bff = await AppProcess.start('web-bff', { WEB_APP_DIR: dir, AMQP_QUEUE_PREFIX: amqpQueuePrefix });
  });

  afterAll(async () => {
    await bff?.stop();
    await deleteAmqpTopology(amqpQueuePrefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / to anyone, revalidated on every load, under a CSP that runs only its own files', async () => {
    const response = await request(`${bff.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = String(response.headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    // Public files: no rate-limit bookkeeping, no session or token asked for.
    expect(response.headers.get('ratelimit')).toBeNull();
  });

  it('serves hashed assets with their types, cached for a year as immutable', async () => {
    const script = await request(`${bff.url}/assets/index-abc.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const style = await request(`${bff.url}/assets/index-def.css`);
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    for (const path of ['/', '/assets/index-abc.js']) {
      const first = await request(`${bff.url}${path}`);
      const etag = String(first.headers.get('etag'));
      const again = await request(`${bff.url}${path}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
    }
  });

  it('answers an unknown asset with a 404 problem', async () => {
    const { status, headers, body } = await request(`${bff.url}/assets/index-000.js`);
    expect(status).toBe(404);
    expect(String(headers.get('content-type'))).toMatch(PROBLEM);
    expect(body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('leaves the API as it was: its routes, its auth and its CSP', async () => {
    const me = await request(`${bff.url}/auth/me`);
    expect(me.status).toBe(401);
    expect(String(me.headers.get('content-type'))).toMatch(PROBLEM);
    expect(me.headers.get('content-security-policy')).toBe(API_CSP);
    expect((await request(`${bff.url}/openapi.json`)).status).toBe(200);
    expect((await request(`${bff.url}/product-details/..%2Fx`)).status).toBe(400);
    const unknown = await request(`${bff.url}/index.html`);
    expect(unknown.status).toBe(404);
    expect(String(unknown.headers.get('content-type'))).toMatch(PROBLEM);
  });
});

describe('web-bff given a WEB_APP_DIR that is not a built app', () => {
  let empty: string;

  beforeAll(() => {
    empty = mkdtempSync(join(tmpdir(), 'web-app-empty-'));
  });

  afterAll(() => {
    rmSync(empty, { recursive: true, force: true });
  });

  it.each([
    ['a directory without index.html', () => empty],
    ['a path that does not exist', () => join(empty, 'missing')],
  ])('refuses to start with %s: exits non-zero naming WEB_APP_DIR', async (_label, dir) => {
    const outcome = await startAttempt({ WEB_APP_DIR: dir(), AMQP_QUEUE_PREFIX: uniqueAmqpPrefix() });
    expect(outcome).toMatch(/exited \([1-9]\d*\) before it was ready/);
    expect(outcome).toContain('WEB_APP_DIR');
    expect(outcome).toContain('index.html');
  });
});
