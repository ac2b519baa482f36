import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Review, ReviewPage } from '@bff/downstream-contracts';
import { startInProcessApp } from '@bff/testing';
import { AppModule } from '../app/app.module';
import { TestBroker } from '../review-commands/test-broker';

describe('review-service routes', () => {
  let app: NestFastifyApplication;
  let broker: TestBroker;

  beforeEach(async () => {
    // The app consumes review commands too: on a topology of its own, so no other run's commands reach it.
    broker = await TestBroker.open();
    process.env['PORT'] = '0';
    process.env['AMQP_QUEUE_PREFIX'] = broker.prefix;
    app = await startInProcessApp(AppModule);
  });

  afterEach(async () => {
    await app.close();
    await broker.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
  const post = (payload: unknown) => app.inject({ method: 'POST', url: '/reviews', payload: payload as object });
  const valid = { productId: '7', rating: 4, title: 'Sturdy and quiet', body: 'Used it for a month; no complaints.', author: 'Ada L.' };

  /** Finds a product with at least `min` seeded reviews, so paging has something to walk. */
  async function productWithReviews(min: number): Promise<ReviewPage> {
    for (let id = 1; id <= 500; id++) {
      const page = (await get(`/reviews?productId=${id}&limit=1`)).json<ReviewPage>();
      if (page.summary.count >= min) return page;
    }
    throw new Error(`no product with ${min} reviews`);
  }

  describe('GET /reviews', () => {
    it('returns the first 10 reviews, newest first, with a summary over all of them', async () => {
      const { productId, summary } = await productWithReviews(30);
      const page = (await get(`/reviews?productId=${productId}`)).json<ReviewPage>();
      expect(page.productId).toBe(productId);
      expect(page.items).toHaveLength(10);
      expect(page.items.map((r) => r.createdAt)).toEqual(page.items.map((r) => r.createdAt).sort().reverse());
      expect(page.summary).toEqual(summary);
      expect(Object.values(summary.histogram).reduce((a, b) => a + b, 0)).toBe(summary.count);
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('walks every review once across pages, ending with a null cursor', async () => {
      const { productId, summary } = await productWithReviews(30);
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const url = `/reviews?productId=${productId}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
        const page: ReviewPage = (await get(url)).json();
        ids.push(...page.items.map((review) => review.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(ids).toHaveLength(summary.count);
      expect(new Set(ids).size).toBe(summary.count);
    });

    it('answers a product without reviews with an empty page and a zero summary', async () => {
      let empty: ReviewPage | undefined;
      for (let id = 1; id <= 500 && !empty; id++) {
        const page = (await get(`/reviews?productId=${id}`)).json<ReviewPage>();
        if (page.summary.count === 0) empty = page;
      }
      expect(empty).toMatchObject({ items: [], nextCursor: null, summary: { count: 0, average: 0 } });
    });

    it.each(['0', '501', 'abc'])('answers unknown product %j with a 404 problem', async (productId) => {
      const response = await get(`/reviews?productId=${productId}`);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    });

    it.each([
      ['', 'INVALID_QUERY'],
      ['productId=1&productId=2', 'INVALID_QUERY'],
      ['productId=..%2F1', 'INVALID_ID'],
      ['productId=1&limit=0', 'INVALID_QUERY'],
      ['productId=1&limit=51', 'INVALID_QUERY'],
      ['productId=1&cursor=nope', 'INVALID_QUERY'],
    ])('answers ?%s with a 400 %s problem', async (query, code) => {
      const response = await get(`/reviews?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code });
    });
  });

  describe('POST /reviews', () => {
    it('stores the review, which then comes first and counts in the summary', async () => {
      const before = (await get('/reviews?productId=7')).json<ReviewPage>();
      const response = await post({ ...valid, title: '  Sturdy and quiet  ' });
      expect(response.statusCode).toBe(201);
      const created = response.json<Review>();
      expect(created).toMatchObject({ ...valid, id: expect.any(String), createdAt: expect.any(String) });
      expect(before.items.map((review) => review.id)).not.toContain(created.id);

      const after = (await get('/reviews?productId=7&limit=1')).json<ReviewPage>();
      expect(after.items).toEqual([created]);
      expect(after.summary.count).toBe(before.summary.count + 1);
      expect(after.summary.histogram['4']).toBe(before.summary.histogram['4'] + 1);
    });

    it('gives every stored review its own id', async () => {
      const first = (await post(valid)).json<Review>();
      const second = (await post(valid)).json<Review>();
      expect(first.id).not.toBe(second.id);
    });

    it.each([
      ['a rating of 0', { ...valid, rating: 0 }],
      ['a rating of 6', { ...valid, rating: 6 }],
      ['a fractional rating', { ...valid, rating: 4.5 }],
      ['a rating as text', { ...valid, rating: '4' }],
      ['a blank title', { ...valid, title: '   ' }],
      ['a title too long', { ...valid, title: 'x'.repeat(121) }],
      ['a body too long', { ...valid, body: 'x'.repeat(2_001) }],
      ['no author', { productId: '7', rating: 4, title: 't', body: 'b' }],
      ['a malformed product id', { ...valid, productId: '../1' }],
      ['an array', [valid]],
    ])('rejects %s with a 400 problem listing the fields', async (_, body) => {
      const response = await post(body);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'BAD_REQUEST', errors: [expect.anything()] });
    });

    it('rejects a body that is not JSON', async () => {
      const response = await app.inject({ method: 'POST', url: '/reviews', headers: { 'content-type': 'application/json' }, payload: '{' });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('answers a review of an unknown product with a 404 problem', async () => {
      const response = await post({ ...valid, productId: '999' });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('applies the fault knobs to its routes', async () => {
    await app.inject({ method: 'PUT', url: '/__admin/faults', payload: { status: 503, path: '/reviews', times: 1 } });
    expect((await get('/reviews?productId=1')).statusCode).toBe(503);
    expect((await get('/reviews?productId=1')).statusCode).toBe(200);
  });
});
