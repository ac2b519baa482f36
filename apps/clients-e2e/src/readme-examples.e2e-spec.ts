import { AppProcess, DemoStack, TestAuth, request } from '@bff/testing';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';

const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const EXAMPLES = README.slice(README.indexOf('<!-- examples:start -->'), README.indexOf('<!-- examples:end -->'));
const ELIDED = '…';

/** The fenced block that follows the line introducing `curl <command>`. */
function exampleAfter(command: string): string {
  const start = EXAMPLES.indexOf(`\`curl ${command}`);
  if (start === -1) throw new Error(`the README has no example for curl ${command}`);
  const open = EXAMPLES.indexOf('```', start);
  const body = EXAMPLES.indexOf('\n', open) + 1;
  return EXAMPLES.slice(body, EXAMPLES.indexOf('```', body)).trim();
}

/**
 * Where the README example differs from the real answer, as paths; empty when it is
 * a faithful (possibly shortened) copy. Shortening is allowed only as the README says:
 * a string ending in `…` is a prefix, an array may show its first elements (an
 * element `{ "…": … }` stands for the rest), and an object keeps every key unless it
 * carries a `"…"` key of its own.
 */
function differences(shown: unknown, real: unknown, path = '$'): string[] {
  if (typeof shown === 'string' && shown.endsWith(ELIDED) && typeof real === 'string') {
    return real.startsWith(shown.slice(0, -1)) ? [] : [`${path}: "${real}" does not start as shown`];
  }
  if (Array.isArray(shown)) {
    if (!Array.isArray(real)) return [`${path}: not an array`];
    const listed = shown.filter((item) => !isElision(item));
    if (real.length < listed.length) return [`${path}: ${real.length} elements, ${listed.length} shown`];
    return listed.flatMap((item, i) => differences(item, real[i], `${path}[${i}]`));
  }
  if (typeof shown === 'object' && shown !== null) {
    if (typeof real !== 'object' || real === null) return [`${path}: not an object`];
    const keys = Object.keys(shown).filter((key) => key !== ELIDED);
    const missing = Object.keys(real).filter((key) => !keys.includes(key));
    const extra = ELIDED in shown || missing.length === 0 ? [] : [`${path}: the answer also has ${missing.join(', ')}`];
    return [...extra, ...keys.flatMap((key) => differences((shown as Record<string, unknown>)[key], (real as Record<string, unknown>)[key], `${path}.${key}`))];
  }
  return Object.is(shown, real) ? [] : [`${path}: ${JSON.stringify(real)}, shown ${JSON.stringify(shown)}`];
}

function isElision(item: unknown): boolean {
  return typeof item === 'object' && item !== null && ELIDED in item;
}

/** A compressed size in the table: bytes, or `—` for a page sent as it is (under 1 KiB). */
type Coded = number | '—';

interface SizeRow {
  id: string;
  web: number;
  mobile: number;
  percent: number;
  webBr: Coded;
  webGzip: Coded;
  mobileBr: Coded;
  mobileGzip: Coded;
}

/**
 * `| 1 (2 reviews) | 2,379 | 801 | 34% | 997 | 1,130 | — | — |` → product 1: web 2379 B,
 * mobile 801 B, 34%; web 997 B with brotli and 1130 B with gzip; mobile sent as it is.
 */
function sizeRows(): SizeRow[] {
  const coded = (cell: string): Coded => (cell === '—' ? '—' : Number(cell.replaceAll(',', '')));
  return [
    ...EXAMPLES.matchAll(/^\| (\d+)[^|]*\| ([\d,]+) \| ([\d,]+) \| (\d+)% \| ([\d,]+|—) \| ([\d,]+|—) \| ([\d,]+|—) \| ([\d,]+|—) \|$/gm),
  ].map(([, id, web, mobile, percent, webBr, webGzip, mobileBr, mobileGzip]) => ({
    id,
    web: Number(web.replaceAll(',', '')),
    mobile: Number(mobile.replaceAll(',', '')),
    percent: Number(percent),
    webBr: coded(webBr),
    webGzip: coded(webGzip),
    mobileBr: coded(mobileBr),
    mobileGzip: coded(mobileGzip),
  }));
}

/** The body's size on the wire for one `Accept-Encoding` (not decoded), or `—` when it came back as it is. */
function wireSize(url: string, acceptEncoding: 'br' | 'gzip'): Promise<Coded> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        const encoding = res.headers['content-encoding'];
        if (encoding === undefined) resolve('—');
        else if (encoding === acceptEncoding) resolve(bytes);
        else reject(new Error(`${url}: asked for ${acceptEncoding}, got ${encoding}`));
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe("the README's examples and payload sizes, against the real BFFs over the demo services", () => {
  let stack: DemoStack;
  let web: AppProcess;
  let mobile: AppProcess;
  const auth = new TestAuth();

  beforeAll(async () => {
    stack = await DemoStack.start();
    [web, mobile] = await Promise.all([
      AppProcess.start('web-bff', stack.bffEnv()),
      AppProcess.start('mobile-bff', { ...stack.bffEnv(), ...auth.env() }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([web?.stop(), mobile?.stop()]);
    await stack?.stop();
  });

  it.each([
    ['web', 'localhost:3000/product-details/1', () => web],
    ['mobile', 'localhost:3001/product-details/1', () => mobile],
  ] as const)('shows the %s product page as the BFF answers it', async (_client, command, bff) => {
    const shown: unknown = JSON.parse(exampleAfter(command));
    const { status, body } = await request(`${bff().url}/product-details/1`);
    expect(status).toBe(200);
    expect(differences(shown, body)).toEqual([]);
  });

  it('shows the mobile profile as the BFF answers it', async () => {
    const shown: unknown = JSON.parse(exampleAfter('localhost:3001/users/1'));
    const { status, body } = await request(`${mobile.url}/users/1`, { headers: await auth.bearer({ sub: '1', audience: 'mobile-bff' }) });
    expect(status).toBe(200);
    expect(body).toEqual(shown);
  });

  it('shows the 400 problem for a path traversal attempt as the BFF answers it', async () => {
    const lines = exampleAfter('-i localhost:3001/product-details/..%2Fx').split('\n');
    const { status, headers, body } = await request(`${mobile.url}/product-details/..%2Fx`);
    expect(`HTTP/1.1 ${status} Bad Request`).toBe(lines[0]);
    expect(`content-type: ${headers.get('content-type')}`).toBe(lines[1]);
    expect(body).toEqual(JSON.parse(lines.at(-1) ?? ''));
  });

  it('states the byte size of every product page in its table exactly, as JSON and compressed', async () => {
    const rows = sizeRows();
    expect(rows.map((row) => row.id)).toEqual(['1', '2', '42', '100']);
    for (const row of rows) {
      const webPage = `${web.url}/product-details/${row.id}`;
      const mobilePage = `${mobile.url}/product-details/${row.id}`;
      const webBytes = Buffer.byteLength((await request(webPage)).text);
      const mobileBytes = Buffer.byteLength((await request(mobilePage)).text);
      expect({
        id: row.id,
        web: webBytes,
        mobile: mobileBytes,
        percent: Math.round((mobileBytes / webBytes) * 100),
        webBr: await wireSize(webPage, 'br'),
        webGzip: await wireSize(webPage, 'gzip'),
        mobileBr: await wireSize(mobilePage, 'br'),
        mobileGzip: await wireSize(mobilePage, 'gzip'),
      }).toEqual(row);
    }
  });
});
