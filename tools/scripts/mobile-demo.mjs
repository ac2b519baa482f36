#!/usr/bin/env node
/**
 * Drives `@bff/mobile-client`, the phone apps' client, against a running mobile BFF
 * (`npm start`), and prints the product screen as a phone would show it, then loads it
 * again the way an app does on returning to the screen, to show what the `304` saves:
 *
 *   npm run mobile-demo -- --product 42
 *   npm run mobile-demo -- --product 7 --base-url http://127.0.0.1:3001 --sub 2
 *   npm run mobile-demo -- --api v1     # as an app release built on version 1 of the API
 *
 * The token is minted by `tools/scripts/token.mjs` (the development key of
 * `npm start`), and the client's TypeScript is loaded as `generate:openapi` loads it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { registerTypeScript } from './lib/register-typescript.mjs';
import { requireProjectNode } from './lib/require-node.mjs';
import { WORKSPACE_ROOT } from './lib/stack-apps.mjs';

requireProjectNode();

const usage = `Usage: npm run mobile-demo -- [--product <id>] [--base-url <url>] [--sub <user id>] [--api v2|v1]

Loads the mobile product screen twice through @bff/mobile-client against a running
mobile BFF (npm start) and prints what a phone would show and the bytes received.
--api v1 loads it as app releases built on version 1 of the API do (deprecated).`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      product: { type: 'string', default: '42' },
      'base-url': { type: 'string', default: 'http://127.0.0.1:3001' },
      sub: { type: 'string', default: '1' },
      api: { type: 'string', default: 'v2' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (error) {
  process.stderr.write(`${error.message}\n\n${usage}\n`);
  process.exit(1);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (values.api !== 'v1' && values.api !== 'v2') {
  process.stderr.write(`--api must be v1 or v2, not ${JSON.stringify(values.api)}\n\n${usage}\n`);
  process.exit(1);
}

const token = execFileSync(
  process.execPath,
  [join(WORKSPACE_ROOT, 'tools/scripts/token.mjs'), '--client', 'mobile', '--sub', values.sub],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
).trim();

const { MobileBffClient, MobileBffProblem } = registerTypeScript()('@bff/mobile-client');
const client = new MobileBffClient({ baseUrl: values['base-url'], token: () => token });

/** New app releases read version 2; `--api v1` plays a release still in the field. */
const load = (id) => (values.api === 'v1' ? client.productDetails(id) : client.productDetailsV2(id));

try {
  const first = await load(values.product);
  process.stdout.write(`${screen(first.body)}\n\n`);
  process.stdout.write(`${transfer('first load', first)}\n`);
  const second = await load(values.product);
  process.stdout.write(`${transfer('second load', second)}\n`);
  if (!second.notModified) {
    process.stdout.write(
      '  (no 304: a page with a degraded part is not cached, so it has no ETag to revalidate)\n',
    );
  }
} catch (error) {
  if (error instanceof MobileBffProblem) {
    const wait = error.retryAfterSeconds === undefined ? '' : ` (retry after ${error.retryAfterSeconds} s)`;
    const hint =
      error.code === 'NETWORK'
        ? `\n  Is the mobile BFF running at ${values['base-url']}? Start it with npm start.`
        : '';
    process.stderr.write(`✖ ${error.status} ${error.code}: ${error.detail ?? ''}${wait}${hint}\n`);
    process.exit(1);
  }
  throw error;
}

/** The product screen as text, one line per part; a degraded part says what the phone shows instead. */
function screen(product) {
  const lines = [product.name, money(product.price)];
  const { rating, stock, delivery } = product;
  if (rating.status === 'ok') {
    lines.push(`★ ${rating.average.toFixed(1)} (${rating.count} reviews)`);
    for (const review of rating.recent ?? rating.top)
      lines.push(`  ${'★'.repeat(review.rating)} ${review.title}: ${review.body} (${review.author})`);
  } else {
    lines.push(`Ratings are unavailable right now (${rating.reason}).`);
  }
  if (stock.status === 'ok') lines.push(stock.inStock ? `In stock (${stock.quantity} left)` : 'Out of stock');
  else lines.push(`Stock could not be checked (${stock.reason}).`);
  if (delivery.status === 'ok')
    lines.push(`Delivery: ${delivery.name}, ${days(delivery.estimatedDays)}, ${money(delivery.cost)}`);
  else lines.push(`Delivery estimate unavailable (${delivery.reason}).`);
  return lines.join('\n');
}

function days(count) {
  return count === 0 ? 'arrives today' : count === 1 ? 'arrives tomorrow' : `arrives in ${count} days`;
}

/** Version 2's decimal string is formatted as it is (no float); version 1's minor units as cents. */
function money({ amount, amountMinor, currency }) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount ?? amountMinor / 100);
}

function transfer(label, answer) {
  const { body, headers } = answer.bytes;
  const how = answer.notModified
    ? '304 Not Modified, payload reused from the client cache'
    : `${answer.status}`;
  const degraded = answer.degraded.length === 0 ? '' : `, degraded: ${answer.degraded.join(', ')}`;
  return `${label}: ${how}${degraded}; ${body} B body + ~${headers} B headers = ${body + headers} B`;
}
