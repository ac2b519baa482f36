import type { Operation } from '@bff/contracts';
import type { MobileProductDetails, MobileProductDetailsV2 } from '@bff/mobile-contracts';
import { AppProcess, DemoFaults, DemoStack, TestAuth, request, workspaceRoot } from '@bff/testing';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pinned contract of version 1: what phones in the field parse. Never edited to
 * make a test pass; a change that fails it would break apps already installed.
 */
const V1_SCHEMA = JSON.parse(
  readFileSync(join(__dirname, 'contracts', 'mobile-product-details.v1.schema.json'), 'utf8'),
) as Record<string, unknown> & { $defs: Record<string, unknown> };

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validateV1 = ajv.compile(V1_SCHEMA);

const DEPRECATED_AT = '2026-12-01T00:00:00Z';
const SUNSET_AT = '2027-06-01T00:00:00Z';
const NOTE = 'https://docs.example.com/mobile-api-v2';
const V1_PATHS = ['/product-details', '/v1/product-details'] as const;

/**
 * Versions of the mobile API on the real mobile BFF and demo services: version 1 keeps
 * its shape (validated strictly against the pinned schema) at the unprefixed path and
 * at `/v1`, announced as deprecated; version 2 at `/v2`; each path cached and
 * revalidated on its own, and a published review dropping every version.
 */
describe('mobile-bff: versions of the API', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let review: DemoFaults;
  const auth = new TestAuth();

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      RATE_LIMIT_DEFAULT: 'burst=1000/1s',
      RATE_LIMIT_REVIEW_WRITES: 'review-writes=1000/1m',
      MOBILE_V1_DEPRECATED_AT: DEPRECATED_AT,
      MOBILE_V1_SUNSET_AT: SUNSET_AT,
      MOBILE_V1_MIGRATION_URL: NOTE,
    });
    review = new DemoFaults(stack.services.review.url);
  });

  afterEach(async () => {
    await review?.reset().catch(() => undefined);
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  const get = <T>(path: string, headers: Record<string, string> = {}) =>
    request<T>(`${bff.url}${path}`, { headers });

  describe('the v1 contract', () => {
    it('is still what the API description says v1 is', () => {
      const document = JSON.parse(
        readFileSync(join(workspaceRoot(), 'apps/mobile-bff/openapi.json'), 'utf8'),
      ) as {
        components: { schemas: Record<string, unknown> };
      };
      const described = JSON.parse(
        JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
      ) as Record<string, unknown>;
      const { $schema, $id, title, $comment, $defs, ...root } = V1_SCHEMA;
      void [$schema, $id, title, $comment];

      expect(described['MobileProductDetails']).toEqual(root);
      for (const [name, schema] of Object.entries($defs)) expect(described[name]).toEqual(schema);
    });

    it.each(['1', '7', '42'])(
      'holds for real answers of both v1 paths, no field extra or missing (product %s)',
      async (id) => {
        for (const path of V1_PATHS) {
          const { status, body } = await get<MobileProductDetails>(`${path}/${id}`);

          expect(status).toBe(200);
          expect({ path, valid: validateV1(body), errors: validateV1.errors ?? null }).toEqual({
            path,
            valid: true,
            errors: null,
          });
        }
      },
    );

    it('holds for a degraded answer, the failed part an unavailable marker', async () => {
      await review.set({ status: 500, path: '/reviews' });

      const { status, headers, body } = await get<MobileProductDetails>('/v1/product-details/44');

      expect(status).toBe(200);
      expect(headers.get('x-bff-degraded')).toContain('rating');
      expect(body.rating).toEqual({ status: 'unavailable', reason: expect.any(String) });
      expect(validateV1(body)).toBe(true);
    });
  });

  it('answers v2 with money as decimal strings and recent reviews with ids and dates, the same facts as v1', async () => {
    const [v1, v2] = await Promise.all([
      get<MobileProductDetails>('/product-details/3'),
      get<MobileProductDetailsV2>('/v2/product-details/3'),
    ]);

    expect(v2.status).toBe(200);
    expect(validateV1(v2.body)).toBe(false);
    expect(v2.body.price).toEqual({
      amount: expect.stringMatching(/^\d+(\.\d+)?$/),
      currency: v1.body.price.currency,
    });
    expect(Number(v2.body.price.amount.replace('.', ''))).toBe(v1.body.price.amountMinor);
    if (v1.body.rating.status !== 'ok' || v2.body.rating.status !== 'ok') throw new Error('ratings expected');
    expect(v2.body.rating).not.toHaveProperty('top');
    expect(
      v2.body.rating.recent.map(({ rating, title, body, author }) => ({ rating, title, body, author })),
    ).toEqual(v1.body.rating.top);
    for (const recent of v2.body.rating.recent) {
      expect(recent).toEqual(
        expect.objectContaining({ id: expect.any(String), createdAt: expect.any(String) }),
      );
      expect(Number.isNaN(Date.parse(recent.createdAt))).toBe(false);
    }
    expect({ ...v2.body, price: undefined, rating: undefined, delivery: undefined }).toEqual({
      ...v1.body,
      price: undefined,
      rating: undefined,
      delivery: undefined,
    });
  });

  describe('deprecation headers', () => {
    it.each(V1_PATHS)('announces v1 at %s, on the first answer, a cache hit and a 304', async (path) => {
      const first = await get(`${path}/5`);
      const again = await get(`${path}/5`);
      const notModified = await get(`${path}/5`, { 'if-none-match': first.headers.get('etag') ?? '' });

      expect([first.status, again.headers.get('x-cache'), notModified.status]).toEqual([200, 'HIT', 304]);
      for (const { headers } of [first, again, notModified]) {
        expect(headers.get('deprecation')).toBe(`@${Date.parse(DEPRECATED_AT) / 1_000}`);
        expect(headers.get('sunset')).toBe('Tue, 01 Jun 2027 00:00:00 GMT');
        expect(headers.get('link')).toBe(`<${NOTE}>; rel="deprecation", <${NOTE}>; rel="sunset"`);
      }
    });

    it('announces v1 on its problem answers too', async () => {
      const { status, headers } = await get('/v1/product-details/not%20an%20id');

      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(headers.get('deprecation')).toMatch(/^@\d+$/);
    });

    it('sends none with v2 or with routes that have no versions', async () => {
      for (const path of ['/v2/product-details/5', '/openapi.json']) {
        const { status, headers } = await get(path);

        expect(status).toBe(200);
        expect([headers.get('deprecation'), headers.get('sunset'), headers.get('link')]).toEqual([
          null,
          null,
          null,
        ]);
      }
    });
  });

  describe('cache and ETags per version', () => {
    it('never answers 304 to one version with the other version’s ETag', async () => {
      const v1 = await get('/product-details/6');
      const v2 = await get('/v2/product-details/6');
      const v1Etag = v1.headers.get('etag') ?? '';
      const v2Etag = v2.headers.get('etag') ?? '';

      expect(v1Etag).toMatch(/^W\/"/);
      expect(v2Etag).toMatch(/^W\/"/);
      expect(v2Etag).not.toBe(v1Etag);
      expect((await get('/v2/product-details/6', { 'if-none-match': v1Etag })).status).toBe(200);
      expect((await get('/product-details/6', { 'if-none-match': v2Etag })).status).toBe(200);
      expect((await get('/v1/product-details/6', { 'if-none-match': v2Etag })).status).toBe(200);
      expect((await get('/v2/product-details/6', { 'if-none-match': v2Etag })).status).toBe(304);
      // The unprefixed path and /v1 serve one representation, so one validator holds for both.
      expect((await get('/v1/product-details/6', { 'if-none-match': v1Etag })).status).toBe(304);
    });

    it('keeps an entry per path, and a published review drops every version of the product', async () => {
      const paths = ['/product-details/12', '/v1/product-details/12', '/v2/product-details/12'];
      for (const path of paths) await get(path);
      for (const path of paths) expect((await get(path)).headers.get('x-cache')).toBe('HIT');
      const before = (await get<MobileProductDetailsV2>(paths[2] ?? '')).body;

      const accepted = await request<Operation>(`${bff.url}/products/12/reviews`, {
        method: 'POST',
        headers: {
          ...(await auth.bearer({ sub: '9', audience: 'mobile-bff', scopes: ['reviews:write'] })),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ rating: 4, title: 'Versions', body: 'Seen by every version of the screen.' }),
      });
      expect(accepted.status).toBe(202);
      const dropped = async () => {
        for (let until = Date.now() + 15_000; Date.now() < until;) {
          if ((await get(paths[2] ?? '')).headers.get('x-cache') === 'MISS') return true;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        return false;
      };
      expect(await dropped()).toBe(true);

      // v2 was reloaded above; each v1 path has its own entry, dropped too.
      const [unprefixed, v1, unprefixedAgain] = [
        await get(paths[0] ?? ''),
        await get(paths[1] ?? ''),
        await get(paths[0] ?? ''),
      ];
      expect([
        unprefixed.headers.get('x-cache'),
        v1.headers.get('x-cache'),
        unprefixedAgain.headers.get('x-cache'),
      ]).toEqual(['MISS', 'MISS', 'HIT']);
      const after = (await get<MobileProductDetailsV2>(paths[2] ?? '')).body;
      if (before.rating.status !== 'ok' || after.rating.status !== 'ok') throw new Error('ratings expected');
      expect(after.rating.count).toBe(before.rating.count + 1);
    });
  });

  it('refuses to start when v1’s sunset is not after its deprecation, naming the variable', async () => {
    const outcome = await AppProcess.start('mobile-bff', {
      ...stack.bffEnv(),
      MOBILE_V1_DEPRECATED_AT: '2027-06-01',
      MOBILE_V1_SUNSET_AT: '2027-01-01',
    }).then(
      async (app) => {
        await app.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );

    expect(outcome).toMatch(/exited \([1-9]\d*\) before it was ready/);
    expect(outcome).toMatch(
      /Invalid configuration:[\s\S]*- MOBILE_V1_SUNSET_AT: must be after MOBILE_V1_DEPRECATED_AT/,
    );
  });
});
