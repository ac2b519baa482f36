import type { WebProductDetails } from '@bff/web-contracts';
import { createWebBffClient, type WebBffSchema } from './web-bff.sdk';

/** A client whose fetch records each Request and answers from the list. */
function bff(...answers: Response[]) {
  const requests: Request[] = [];
  const client = createWebBffClient({
    baseUrl: 'http://web.test',
    fetch: async (request) => {
      requests.push(request);
      const answer = answers.shift();
      if (answer === undefined) throw new TypeError('fetch failed');
      return answer;
    },
  });
  return { client, requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createWebBffClient', () => {
  it('fills the path template of the document, encoding the id into one segment', async () => {
    const { client, requests } = bff(json({ product: { id: 'a/b' } }));
    const { data } = await client.GET('/product-details/{productId}', {
      params: { path: { productId: 'a/b' } },
    });
    expect(requests[0]?.url).toBe('http://web.test/product-details/a%2Fb');
    expect(data?.product.id).toBe('a/b');
  });

  it('sends the cursor of more reviews in the query', async () => {
    const { client, requests } = bff(json({ items: [], nextCursor: null }));
    await client.GET('/products/{productId}/reviews', {
      params: { path: { productId: '7' }, query: { cursor: 'bzEw' } },
    });
    expect(requests[0]?.url).toBe('http://web.test/products/7/reviews?cursor=bzEw');
  });

  it('posts a review as JSON with its Idempotency-Key header', async () => {
    const { client, requests } = bff(
      json({ id: 'k-12345678', kind: 'review.submit', productId: '1', status: 'pending' }, 202),
    );
    const { data, response } = await client.POST('/products/{productId}/reviews', {
      params: { path: { productId: '1' }, header: { 'Idempotency-Key': 'k-12345678' } },
      body: { rating: 5, title: 'Good', body: 'Fine.' },
    });
    expect(response.status).toBe(202);
    expect(data?.status).toBe('pending');
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers.get('idempotency-key')).toBe('k-12345678');
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(await requests[0]?.json()).toEqual({ rating: 5, title: 'Good', body: 'Fine.' });
  });

  it('hands a refusal back as the error body, with the response to read its headers from', async () => {
    const { client } = bff(
      new Response(JSON.stringify({ type: 'urn:x', title: 'Too many', status: 429, code: 'RATE_LIMITED' }), {
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '7' },
      }),
    );
    const { data, error, response } = await client.GET('/auth/me');
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('types the document’s schemas so the contract they come from fits them', () => {
    // Compile-time: a page typed by the contracts is a page the document describes.
    const fromContract = { product: { id: '1' } } as unknown as WebProductDetails;
    const described: WebBffSchema<'WebProductDetails'> = fromContract;
    expect(described).toBe(fromContract);
  });
});
