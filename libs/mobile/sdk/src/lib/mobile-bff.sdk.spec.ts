import type { MobileUser } from '@bff/mobile-contracts';
import { createMobileBffClient, type MobileBffSchema } from './mobile-bff.sdk';

/** A client whose fetch records each Request and answers from the list. */
function bff(...answers: Response[]) {
  const requests: Request[] = [];
  const client = createMobileBffClient({
    baseUrl: 'http://mobile.test',
    headers: { authorization: 'Bearer token-1' },
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

describe('createMobileBffClient', () => {
  it('fills the path template of the document, encoding the id into one segment, with the default headers', async () => {
    const { client, requests } = bff(json({ id: 'a/b', name: 'Ines' }));
    const { data } = await client.GET('/users/{userId}', { params: { path: { userId: 'a/b' } } });
    expect(requests[0]?.url).toBe('http://mobile.test/users/a%2Fb');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(data?.name).toBe('Ines');
  });

  it('sends the If-None-Match header parameter the document declares, and answers a 304 with no data', async () => {
    const { client, requests } = bff(new Response(null, { status: 304, headers: { etag: 'W/"1"' } }));
    const { data, response } = await client.GET('/product-details/{productId}', {
      params: { path: { productId: '42' }, header: { 'If-None-Match': 'W/"1"' } },
    });
    expect(requests[0]?.headers.get('if-none-match')).toBe('W/"1"');
    expect(response.status).toBe(304);
    // A 304 is no success status: there is no `data`, and the caller reuses the payload it holds.
    expect(data).toBeUndefined();
  });

  it('posts a review as JSON with its Idempotency-Key header', async () => {
    const { client, requests } = bff(
      json({ id: 'k-12345678', kind: 'review.submit', productId: '1', status: 'pending' }, 202),
    );
    const { data } = await client.POST('/products/{productId}/reviews', {
      params: { path: { productId: '1' }, header: { 'Idempotency-Key': 'k-12345678' } },
      body: { rating: 5, title: 'Warm', body: 'Fine.' },
    });
    expect(data?.id).toBe('k-12345678');
    expect(requests[0]?.headers.get('idempotency-key')).toBe('k-12345678');
    expect(await requests[0]?.json()).toEqual({ rating: 5, title: 'Warm', body: 'Fine.' });
  });

  it('hands a refusal back as the error body', async () => {
    const { client } = bff(
      new Response(JSON.stringify({ type: 'urn:x', title: 'Not found', status: 404, code: 'NOT_FOUND' }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const { error, response } = await client.GET('/operations/{id}', {
      params: { path: { id: 'k-12345678' } },
    });
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('types the document’s schemas so the contract they come from fits them', () => {
    // Compile-time: a user typed by the contracts is a user the document describes.
    const fromContract = { id: '1', name: 'Ines' } as unknown as MobileUser;
    const described: MobileBffSchema<'MobileUser'> = fromContract;
    expect(described).toBe(fromContract);
  });
});
