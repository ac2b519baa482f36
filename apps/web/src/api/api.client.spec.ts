import type { Operation } from '@bff/contracts';
import { ApiClient, newIdempotencyKey } from './api.client';
import { ApiError } from './api.error';

/** A client whose fetch records each Request it is handed and answers from the list. */
function client(...answers: Response[]) {
  const calls: Request[] = [];
  const api = new ApiClient({
    baseUrl: 'http://web.test',
    fetch: async (request) => {
      calls.push(request);
      const answer = answers.shift();
      if (answer === undefined) throw new TypeError('fetch failed');
      return answer;
    },
    sleep: async () => undefined,
  });
  return { api, calls };
}

/** The path and query a request went to. */
function target(request: Request | undefined): string | undefined {
  if (request === undefined) return undefined;
  const { pathname, search } = new URL(request.url);
  return `${pathname}${search}`;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'urn:x', title: code, status, code, detail: `${code} detail` }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

describe('ApiClient', () => {
  it('reads a product page with the parts named in x-bff-degraded', async () => {
    const { api, calls } = client(json({ product: { id: '1' } }, 200, { 'x-bff-degraded': 'reviews, delivery' }));
    const page = await api.productPage('1');
    expect(page.degraded).toEqual(['reviews', 'delivery']);
    expect(target(calls[0])).toBe('/product-details/1');
    expect(calls[0]?.credentials).toBe('same-origin');
    expect(calls[0]?.headers.get('accept')).toBe('application/json');
  });

  it('revalidates a page with the BFF when asked for a fresh one', async () => {
    const { api, calls } = client(json({ product: { id: '1' } }), json({ product: { id: '1' } }));
    await api.productPage('1');
    await api.productPage('1', { fresh: true });
    expect(calls.map((call) => call.cache)).toEqual(['default', 'no-cache']);
  });

  it('reads a complete page as degraded nowhere', async () => {
    const { api } = client(json({ product: { id: '1' } }));
    expect((await api.productPage('1')).degraded).toEqual([]);
  });

  it('asks for more reviews with the cursor in the query, encoded', async () => {
    const { api, calls } = client(json({ items: [], nextCursor: null }));
    await api.moreReviews('7', 'bzEw');
    expect(target(calls[0])).toBe('/products/7/reviews?cursor=bzEw');
  });

  it('puts an id into one path segment, encoded', async () => {
    const { api, calls } = client(json({ id: '1' }));
    await api.user('../auth/me');
    expect(target(calls[0])).toBe('/users/..%2Fauth%2Fme');
  });

  it('turns a problem answer into an ApiError with its problem and Retry-After', async () => {
    const { api } = client(problem(429, 'RATE_LIMITED', { 'retry-after': '7' }));
    const error = (await api.productPage('1').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.problem?.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBe(7);
  });

  it('keeps the status of an answer that is not problem+json', async () => {
    const { api } = client(new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = (await api.user('1').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.problem).toBeUndefined();
  });

  it('keeps the status of a problem answer cut off mid-body', async () => {
    const cutOff = new Response('{"type":"urn:x","sta', {
      status: 503,
      headers: { 'content-type': 'application/problem+json' },
    });
    const { api } = client(cutOff);
    const error = (await api.user('1').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(503);
    expect(error.problem).toBeUndefined();
  });

  it('signs in with the email and password as JSON', async () => {
    const { api, calls } = client(json({ user: { id: '1' }, csrfToken: 'csrf-1' }));
    await api.signIn('claude.clarke1@example.com', 'demo-password');
    expect(calls[0]?.method).toBe('POST');
    expect(target(calls[0])).toBe('/auth/login');
    const body: unknown = await calls[0]?.json();
    expect(body).toEqual({ email: 'claude.clarke1@example.com', password: 'demo-password' });
  });

  it('reports no answer at all as status 0', async () => {
    const { api } = client();
    await expect(api.productPage('1')).rejects.toMatchObject({ status: 0 });
  });

  it('reads a signed-out /auth/me as null and rethrows anything else', async () => {
    expect(await client(problem(401, 'UNAUTHORIZED')).api.me()).toBeNull();
    await expect(client(problem(503, 'UPSTREAM_UNAVAILABLE')).api.me()).rejects.toMatchObject({ status: 503 });
  });

  it('posts a review with the CSRF token and the Idempotency-Key', async () => {
    const pending: Operation = { id: 'k-12345678', kind: 'review.submit', productId: '1', status: 'pending' };
    const { api, calls } = client(json(pending, 202));
    await api.submitReview('1', { rating: 5, title: 'Good', body: 'Fine.' }, 'csrf-1', 'k-12345678');
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers.get('x-csrf-token')).toBe('csrf-1');
    expect(calls[0]?.headers.get('idempotency-key')).toBe('k-12345678');
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(await calls[0]?.json()).toEqual({ rating: 5, title: 'Good', body: 'Fine.' });
  });

  it('signs out with the CSRF token', async () => {
    const { api, calls } = client(new Response(null, { status: 204 }));
    await api.signOut('csrf-2');
    expect(calls[0]?.method).toBe('POST');
    expect(calls[0]?.headers.get('x-csrf-token')).toBe('csrf-2');
  });

  it('follows an operation until it is settled', async () => {
    const base = { id: 'k-12345678', kind: 'review.submit', productId: '1' } as const;
    const { api, calls } = client(json({ ...base, status: 'pending' }), json({ ...base, status: 'done', reviewId: 'r1' }));
    const done = await api.settled({ ...base, status: 'pending' }, { intervalMs: 1, timeoutMs: 5_000 });
    expect(done).toEqual({ ...base, status: 'done', reviewId: 'r1' });
    expect(calls.map(target)).toEqual(['/operations/k-12345678', '/operations/k-12345678']);
  });

  it('gives up on an operation still pending after the timeout', async () => {
    const base = { id: 'k-12345678', kind: 'review.submit', productId: '1', status: 'pending' } as const;
    const { api } = client(json(base), json(base), json(base));
    await expect(api.settled(base, { intervalMs: 1, timeoutMs: 0 })).rejects.toThrow(/longer than usual/);
  });

  it('makes idempotency keys the BFF accepts, a new one each time', () => {
    const key = newIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newIdempotencyKey()).not.toBe(key);
  });
});
