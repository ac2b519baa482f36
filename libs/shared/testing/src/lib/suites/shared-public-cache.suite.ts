import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { AppProcess, type AppName } from '../app-process';
import { DemoFaults } from '../demo-faults';
import { DemoStack, type ServiceName } from '../demo-stack';
import { request } from '../http';
import { TestAuth } from '../test-auth';

const PAGE_SERVICES = ['product', 'review', 'inventory'] as const;

/**
 * The shared-cache contract every BFF keeps, run against the real app and demo services:
 * a public page is computed with no identity and served from one entry to every caller,
 * signed in or not; per-user routes stay per user; `Accept-Language` is negotiated before
 * keying; a hit still counts against the verified caller's rate limit. One suite, so
 * both clients are held to the same rules.
 *
 * @example
 * // apps/mobile-bff-e2e/src/shared-cache.e2e-spec.ts
 * describeSharedPublicCache('mobile-bff');
 */
export function describeSharedPublicCache(app: Extract<AppName, 'web-bff' | 'mobile-bff'>): void {
  describe(`${app}: one shared cache entry for a public page, whoever asks`, () => {
    let stack: DemoStack;
    let bff: AppProcess;
    let faults: Record<ServiceName, DemoFaults>;
    const auth = new TestAuth();
    const asUser = (sub: string, scopes: string[] = []) => auth.bearer({ sub, audience: app, scopes });
    const page = (id: string, headers: Record<string, string> = {}) =>
      request(`${bff.url}/product-details/${id}`, { headers });

    beforeAll(async () => {
      stack = await DemoStack.start();
      bff = await AppProcess.start(app, {
        ...stack.bffEnv(),
        ...auth.env(),
        SUPPORTED_LANGUAGES: 'en, de, fr',
        // Limits have a test of their own below; elsewhere here they must not interfere.
        RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      });
      faults = {
        product: new DemoFaults(stack.services.product.url),
        review: new DemoFaults(stack.services.review.url),
        inventory: new DemoFaults(stack.services.inventory.url),
        user: new DemoFaults(stack.services.user.url),
        shipping: new DemoFaults(stack.services.shipping.url),
      };
    });

    beforeEach(async () => {
      await Promise.all(Object.values(faults).map((service) => service.reset()));
    });

    afterAll(async () => {
      await bff?.stop();
      await stack?.stop();
    });

    it('serves 100 distinct signed-in users of a product page from one entry: one MISS, 99 HITs, one set of downstream calls', async () => {
      const tally: Record<string, number> = {};
      for (let i = 0; i < 100; i++) {
        const response = await page('101', await asUser(`shopper-${i}`));
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toMatch(/^public, max-age=30/);
        const status = response.headers.get('x-cache') ?? 'none';
        tally[status] = (tally[status] ?? 0) + 1;
      }

      expect(tally).toEqual({ MISS: 1, HIT: 99 });
      for (const service of PAGE_SERVICES) expect((await faults[service].stats()).requests).toBe(1);
    });

    it('computes the page with no identity: no x-user-id or credentials reach a service, and every caller gets the same bytes', async () => {
      const signedIn = await page('102', await asUser('shopper-a'));
      const anonymous = await page('102');
      const other = await page('102', await asUser('shopper-b'));

      expect(signedIn.headers.get('x-cache')).toBe('MISS');
      expect(anonymous.headers.get('x-cache')).toBe('HIT');
      expect(other.headers.get('x-cache')).toBe('HIT');
      expect(anonymous.text).toBe(signedIn.text);
      expect(other.text).toBe(signedIn.text);
      for (const service of PAGE_SERVICES) {
        const sent = await faults[service].requests();
        expect(sent).toHaveLength(1);
        expect(sent[0]?.headers['x-user-id']).toBeUndefined();
        expect(sent[0]?.headers['authorization']).toBeUndefined();
        expect(sent[0]?.headers['cookie']).toBeUndefined();
      }
    });

    it('keeps a per-user route per user: private, keyed to the subject, with the subject sent as x-user-id', async () => {
      const owner = await asUser('7');
      const first = await request(`${bff.url}/users/7`, { headers: owner });
      const again = await request(`${bff.url}/users/7`, { headers: owner });
      const support = await request(`${bff.url}/users/7`, { headers: await asUser('support-1', ['users:read:any']) });

      expect(first.headers.get('x-cache')).toBe('MISS');
      expect(again.headers.get('x-cache')).toBe('HIT');
      expect(again.headers.get('cache-control')).toMatch(/^private/);
      expect(support.headers.get('x-cache')).toBe('MISS');
      const sent = await faults.user.requests();
      expect(sent.map((recorded) => recorded.headers['x-user-id'])).toEqual(['7', 'support-1']);
    });

    it('maps Accept-Language with random q values to one entry, and sends the services the negotiated language', async () => {
      const first = await page('103', { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' });
      const statuses = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const q = (n: number) => (n / 1000).toFixed(3);
        const noisy = await page('103', {
          ...(await asUser(`reader-${i}`)),
          'accept-language': `de-DE;q=${q(900 + i)}, fr;q=${q(300 + i)}, en;q=${q(100 + i * 7)}`,
        });
        statuses.add(noisy.headers.get('x-cache') ?? 'none');
        expect(noisy.text).toBe(first.text);
      }
      const english = await page('103', { 'accept-language': 'ja, *;q=0.1' });

      expect(first.headers.get('x-cache')).toBe('MISS');
      expect([...statuses]).toEqual(['HIT']);
      expect(english.headers.get('x-cache')).toBe('MISS');
      const languages = (await faults.product.requests()).map((recorded) => recorded.headers['accept-language']);
      expect(languages).toEqual(['de', 'en']);
    });

    it('still counts a cached page against the verified caller\'s own rate limit', async () => {
      const limited = await AppProcess.start(app, { ...stack.bffEnv(), ...auth.env(), RATE_LIMIT_DEFAULT: 'minute=3/1m' });
      try {
        const alice = await asUser('limited-alice');
        const answers: number[] = [];
        for (let i = 0; i < 4; i++) answers.push((await request(`${limited.url}/product-details/104`, { headers: alice })).status);
        const bob = await request(`${limited.url}/product-details/104`, { headers: await asUser('limited-bob') });

        expect(answers).toEqual([200, 200, 200, 429]);
        expect(bob.status).toBe(200);
        expect(bob.headers.get('x-cache')).toBe('HIT');
      } finally {
        await limited.stop();
      }
    });
  });
}
