#!/usr/bin/env node
/**
 * `npm run screenshot:web`: a picture of the browser app's product page for the README
 * (docs/web-app-product.png), taken in Debian's headless Chromium against a running
 * `npm start`. Signs in first, so the page shows the review form as a shopper sees it.
 *
 *   npm start                                  # in another terminal
 *   npm run screenshot:web                     # product 2 from http://localhost:3000/
 *   npm run screenshot:web -- --url http://localhost:8080/ --product 4 --out /tmp/page.png
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { WORKSPACE_ROOT } from './lib/stack.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The first demo user (apps/demo/user-service): every demo user's password is the same.
const DEMO_USER = { email: 'claude.clarke1@example.com', password: 'demo-password' };

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000/' },
    product: { type: 'string', default: '2' },
    out: { type: 'string', default: join(WORKSPACE_ROOT, 'docs/web-app-product.png') },
  },
});

if (!existsSync(CHROMIUM)) {
  console.error(`✖ ${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const profile = mkdtempSync(join(tmpdir(), 'web-screenshot-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 1300 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const base = new URL(values.url);
  await page.goto(new URL(`#/sign-in?next=${encodeURIComponent(`#/products/${values.product}`)}`, base).href);
  await page.getByLabel('Email').fill(DEMO_USER.email);
  await page.getByLabel('Password').fill(DEMO_USER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('review-form').waitFor();
  await page.getByTestId('review-list').waitFor();
  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  // The first screen, as a shopper lands on it: product, stock, delivery and the first reviews.
  await page.screenshot({ path: out });
  console.log(`✔ ${relative(process.cwd(), out)}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
