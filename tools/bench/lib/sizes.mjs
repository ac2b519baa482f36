import { probe } from './measure.mjs';
import { formatTable } from './table.mjs';

/**
 * What each BFF sends for a product page, plain and gzipped: the mobile BFF exists to
 * send less.
 *
 * @example
 * const sizes = await measureSizes({ fleet });
 * console.log(formatSizes(sizes));
 */
export async function measureSizes({ fleet }) {
  const rows = [];
  for (const app of ['web-bff', 'mobile-bff']) {
    let server;
    try {
      server = await fleet.get(app);
    } catch (error) {
      rows.push({ app, error: error.message.split('\n')[0] });
      continue;
    }
    const url = `${server.url}/product-details/1`;
    const [plain, gzip] = [await probe(url), await probe(url, { acceptEncoding: 'gzip' })];
    if (plain.error) rows.push({ app, error: plain.error });
    else
      rows.push({
        app,
        status: plain.status,
        bytes: plain.bytes,
        gzipBytes: gzip.encoding === 'gzip' ? gzip.bytes : undefined,
      });
  }
  return rows;
}

/** The size table, with mobile's body as a share of web's. */
export function formatSizes(rows) {
  const table = rows.map((row) =>
    row.error
      ? [row.app, row.error, '', '']
      : [
          row.app,
          String(row.status),
          row.bytes.toLocaleString('en-US'),
          row.gzipBytes === undefined ? 'not compressed' : row.gzipBytes.toLocaleString('en-US'),
        ],
  );
  const [web, mobile] = ['web-bff', 'mobile-bff'].map((app) => rows.find((row) => row.app === app)?.bytes);
  return [
    'Response size of GET /product-details/1',
    formatTable(['app', 'status', 'body B', 'gzip B'], table),
    ...(web > 0 && mobile > 0
      ? [`mobile-bff body is ${Math.round((mobile / web) * 100)}% of web-bff's`]
      : []),
  ].join('\n');
}
