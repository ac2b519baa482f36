import { AppProcess, DemoFaults, DemoStack, workspaceRoot } from '@bff/testing';
import type { WebProductDetails } from '@bff/web-contracts';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';

/** Debian's Chromium, as CI installs it (`CHROMIUM_PATH` names another build): the suite never downloads a browser. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WEB_APP_DIR = join(workspaceRoot(), 'dist/apps/web');
/** Demo user 1 (apps/demo/user-service seeds every user with the same password). */
const SHOPPER = { email: 'claude.clarke1@example.com', password: 'demo-password', name: 'Claude Clarke' };

/**
 * The browser app as a shopper uses it: built by Vite, served by a real web BFF
 * (`WEB_APP_DIR`) in front of the real demo services, driven in headless Chromium.
 * One browser profile walks through the steps in order, as one person would: read a
 * product, be sent to sign in, sign in, post a review and see it, meet a degraded
 * page and a rate limit, sign out.
 */
describe('the web app in Chromium, served by the web BFF', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let reviews: DemoFaults;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: this suite drives Debian's Chromium (apt-get install chromium) and never downloads a browser.`);
    }
    if (!existsSync(join(WEB_APP_DIR, 'index.html'))) {
      throw new Error(`${WEB_APP_DIR}/index.html is missing: run "npx nx run web:build" first.`);
    }
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      WEB_APP_DIR,
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      RATE_LIMIT_REVIEW_WRITES: 'review-writes=100/1m',
      // Low enough for a few wrong passwords to meet it.
      RATE_LIMIT_LOGIN: 'login=2/1m',
    });
    reviews = new DemoFaults(stack.services.review.url);
    // `localhost`, not 127.0.0.1: the session cookie is `__Host-` and `Secure`, which Chromium takes over plain HTTP on localhost.
    origin = bff.url.replace('127.0.0.1', 'localhost');
    profile = mkdtempSync(join(tmpdir(), 'web-e2e-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context.setDefaultTimeout(10_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => browserErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) browserErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await reviews?.reset().catch(() => undefined);
    await bff?.stop();
    await stack?.stop();
  });

  async function productFromApi(productId: string): Promise<WebProductDetails> {
    return (await (await fetch(`${bff.url}/product-details/${productId}`)).json()) as WebProductDetails;
  }

  it("loads the app from the BFF's origin; its own script and styles run under the document's CSP", async () => {
    const document = await page.goto(`${origin}/#/products/2`);
    expect(document?.status()).toBe(200);
    expect(document?.headers()['content-security-policy']).toContain("script-src 'self'");
    const { product } = await productFromApi('2');
    await page.getByTestId('product-name').getByText(product.name).waitFor();
    // The stylesheet applied: cards have the white background styles.css gives them.
    const background = await page.getByTestId('stock').evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe('rgb(255, 255, 255)');
    await page.getByTestId('stock').getByText(/In stock|Out of stock/).waitFor();
    await page.getByTestId('delivery').locator('li').first().waitFor();
    expect(browserErrors).toEqual([]);
  });

  it('pages through the reviews with the cursor ("More reviews")', async () => {
    const { reviews: section } = await productFromApi('2');
    if (section.status !== 'ok') throw new Error('the reviews of product 2 did not load');
    const items = page.getByTestId('review-list').locator('li');
    expect(await items.count()).toBe(section.items.length);
    await page.getByTestId('more-reviews').click();
    await items.nth(section.items.length).waitFor();
    expect(await items.count()).toBeGreaterThan(section.items.length);
  });

  it('sends a signed-out visitor from the account page (401) to the sign-in form', async () => {
    await page.goto(`${origin}/#/account`);
    await page.getByTestId('sign-in-form').waitFor();
    expect(new URL(page.url()).hash).toBe('#/sign-in?next=%23%2Faccount');
  });

  it('shows a rate-limited sign-in (429) with the wait from Retry-After', async () => {
    const form = page.getByTestId('sign-in-form');
    for (let attempt = 0; attempt < 3; attempt++) {
      await form.getByLabel('Email').fill('nobody@example.com');
      await form.getByLabel('Password').fill(`wrong-${attempt}`);
      await form.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('problem').waitFor();
      await form.getByRole('button', { name: 'Sign in' }).waitFor({ state: 'visible' });
      await page.waitForFunction(() => !document.querySelector('[data-testid="sign-in-form"] button')?.hasAttribute('disabled'));
    }
    expect(await page.getByTestId('problem').textContent()).toMatch(/^Too many requests\. Try again in (a second|\d+ seconds)\.$/);
  });

  it('signs in with the cookie session and returns to the account page', async () => {
    const form = page.getByTestId('sign-in-form');
    await form.getByLabel('Email').fill(SHOPPER.email);
    await form.getByLabel('Password').fill(SHOPPER.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('account').getByText(SHOPPER.email).waitFor();
    expect(new URL(page.url()).hash).toBe('#/account');
    const cookie = (await context.cookies(origin)).find((each) => each.name === '__Host-bff_session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
  });

  it('posts a review after a reload (the CSRF token comes back from /auth/me) and sees it on the page', async () => {
    await page.goto(`${origin}/#/products/3`);
    await page.reload();
    await page.getByTestId('account-link').getByText(SHOPPER.name).waitFor();
    const title = `Browser review ${Date.now().toString(36)}`;
    const form = page.getByTestId('review-form');
    await form.getByLabel('Rating').selectOption('4');
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Review').fill('Posted from headless Chromium through the web BFF.');
    const posted = page.waitForResponse((response) => response.url().endsWith('/products/3/reviews') && response.request().method() === 'POST');
    await form.getByRole('button', { name: 'Post review' }).click();
    const response = await posted;
    expect(response.status()).toBe(202);
    expect(response.request().headers()['idempotency-key']).toMatch(/^review-[0-9a-f-]{36}$/);
    await page.getByTestId('review-status').getByText('Thank you: your review is published.').waitFor({ timeout: 20_000 });
    await page.getByTestId('review-list').getByText(title).waitFor();
    const byline = page.getByTestId('review-list').locator('li').filter({ hasText: title }).locator('.byline');
    expect(await byline.textContent()).toContain(SHOPPER.name);
  });

  it("shows the reviews' degraded message in their place while the review service fails, the rest of the page intact", async () => {
    await reviews.set({ status: 503 });
    // A product this browser has not seen, so neither the BFF's cache nor the browser's has its page.
    await page.goto(`${origin}/#/products/5`);
    const message = page.getByTestId('reviews-unavailable');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/^Reviews (could not be loaded|cannot be loaded right now|took too long to load)\. Reload the page to try again\.$/);
    expect(await page.getByTestId('degraded-note').textContent()).toContain('reviews');
    await page.getByTestId('stock').getByText(/In stock|Out of stock/).waitFor();
    expect(await page.getByTestId('review-list').count()).toBe(0);
    await reviews.clear();
  });

  it('signs out: the session ends on the server and the header offers sign-in again', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-link').waitFor();
    const me = await context.request.get(`${origin}/auth/me`);
    expect(me.status()).toBe(401);
    expect(browserErrors.filter((error) => /Content Security Policy/i.test(error))).toEqual([]);
  });
});
