import { AppProcess, DemoStack, request } from '@bff/testing';
import type { WebProductDetails, WebReviewPage } from '@bff/web-contracts';

const PROBLEM = /^application\/problem\+json/;

/**
 * "More reviews" on the web BFF: `GET /products/:productId/reviews?cursor=` pages on
 * from the product page's `reviews.nextCursor` through the real review service, is
 * public, and refuses a cursor or parameter it does not know with a 400 before any
 * downstream call.
 */
describe('web-bff: GET /products/:productId/reviews (more reviews)', () => {
  let stack: DemoStack;
  let bff: AppProcess;

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', { ...stack.bffEnv(), RATE_LIMIT_DEFAULT: 'burst=1000/1s' });
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  it("pages on from the product page's cursor to the last page, without repeating a review", async () => {
    const page = await request<WebProductDetails>(`${bff.url}/product-details/4`);
    if (page.body.reviews.status !== 'ok') throw new Error('the reviews of product 4 did not load');
    const { items, nextCursor, summary } = page.body.reviews;
    const seen = items.map((review) => review.id);
    let cursor = nextCursor;
    while (cursor !== null) {
      const next = await request<WebReviewPage>(`${bff.url}/products/4/reviews?cursor=${cursor}`);
      expect(next.status).toBe(200);
      expect(Object.keys(next.body).sort()).toEqual(['items', 'nextCursor']);
      expect(next.body.items.every((review) => review.productId === '4')).toBe(true);
      seen.push(...next.body.items.map((review) => review.id));
      cursor = next.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(summary.count);
  });

  it('answers without a cursor with the first page, to anyone, cacheable like the page', async () => {
    const first = await request<WebReviewPage>(`${bff.url}/products/4/reviews`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(10);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=30/);
  });

  it.each([
    ['a cursor of other characters', '/products/4/reviews?cursor=..%2Fadmin', 'INVALID_QUERY'],
    ['an empty cursor', '/products/4/reviews?cursor=', 'INVALID_QUERY'],
    ['a cursor given twice', '/products/4/reviews?cursor=bzEw&cursor=bzIw', 'INVALID_QUERY'],
    ['an unknown parameter', '/products/4/reviews?limit=500', 'INVALID_QUERY'],
    // Well-formed, so the gateway passes it on; the review service did not issue it.
    ['a cursor the review service did not issue', '/products/4/reviews?cursor=notacursor', 'BAD_REQUEST'],
    ['a bad product id', '/products/..%2Fx/reviews', 'INVALID_ID'],
  ])('refuses %s with a 400 problem', async (_label, path, code) => {
    const { status, headers, body } = await request(`${bff.url}${path}`);
    expect(status).toBe(400);
    expect(String(headers.get('content-type'))).toMatch(PROBLEM);
    expect(body).toMatchObject({ status: 400, code });
  });
});
