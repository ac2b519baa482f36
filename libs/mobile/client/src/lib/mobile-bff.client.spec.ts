import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MobileBffClient } from './mobile-bff.client';
import { MobileBffProblem } from './mobile-bff.problem';

type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

const PRODUCT = {
  id: '42',
  name: 'Wool socks',
  price: { amountMinor: 1299, currency: 'EUR' },
  thumbnailUrl: 'https://cdn.example.com/42.jpg',
  rating: { status: 'ok', average: 4.5, count: 2, top: [] },
  stock: { status: 'ok', inStock: true, quantity: 3 },
  delivery: { status: 'unavailable', reason: 'timeout' },
};

describe('MobileBffClient', () => {
  let server: Server;
  let baseUrl: string;
  let handle: Handler;
  const seen: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push(request);
        handle(request, response, body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    seen.length = 0;
  });

  function json(
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  function problem(
    response: ServerResponse,
    status: number,
    code: string,
    detail: string,
    headers: Record<string, string> = {},
  ) {
    response
      .writeHead(status, { 'content-type': 'application/problem+json', ...headers })
      .end(
        JSON.stringify({ type: `urn:bff:problem:${code.toLowerCase()}`, title: code, status, code, detail }),
      );
  }

  it('sends the current token as a bearer credential on every request', async () => {
    handle = (_request, response) => json(response, 200, PRODUCT);
    let token = 'first';
    const client = new MobileBffClient({ baseUrl, token: async () => token });

    await client.productDetails('42');
    token = 'refreshed';
    await client.productDetails('42');

    expect(seen.map((request) => request.headers.authorization)).toEqual([
      'Bearer first',
      'Bearer refreshed',
    ]);
    expect(seen[0]?.url).toBe('/product-details/42');
  });

  it('sends no authorization header without a token', async () => {
    handle = (_request, response) => json(response, 200, PRODUCT);

    await new MobileBffClient({ baseUrl }).productDetails('42');

    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('asks version 2 of the product screen at its own path, revalidated apart from version 1', async () => {
    handle = (request, response) =>
      json(response, 200, PRODUCT, { etag: request.url?.startsWith('/v2/') ? '"two"' : '"one"' });
    const client = new MobileBffClient({ baseUrl });

    await client.productDetails('42');
    await client.productDetailsV2('42');
    await client.productDetailsV2('42');

    expect(seen.map((request) => [request.url, request.headers['if-none-match']])).toEqual([
      ['/product-details/42', undefined],
      ['/v2/product-details/42', undefined],
      ['/v2/product-details/42', '"two"'],
    ]);
  });

  it('keeps an id inside its path segment', async () => {
    handle = (_request, response) => json(response, 200, PRODUCT);

    await new MobileBffClient({ baseUrl }).productDetails('../users/1');

    expect(seen[0]?.url).toBe('/product-details/..%2Fusers%2F1');
  });

  it('revalidates with If-None-Match and reuses the stored payload on a 304, with fewer bytes', async () => {
    handle = (request, response) =>
      request.headers['if-none-match'] === '"v1"'
        ? response.writeHead(304, { etag: '"v1"' }).end()
        : json(response, 200, PRODUCT, { etag: '"v1"' });
    const client = new MobileBffClient({ baseUrl, token: () => 'user-1' });

    const first = await client.productDetails('42');
    const second = await client.productDetails('42');

    expect(seen[1]?.headers['if-none-match']).toBe('"v1"');
    expect(first).toMatchObject({ status: 200, notModified: false, etag: '"v1"', body: PRODUCT });
    expect(second).toMatchObject({ status: 304, notModified: true, etag: '"v1"' });
    expect(second.body).toEqual(first.body);
    expect(first.bytes.body).toBe(JSON.stringify(PRODUCT).length);
    expect(second.bytes.body).toBe(0);
    expect(second.bytes.headers).toBeGreaterThan(0);
  });

  it("never revalidates one user's payload with another user's token", async () => {
    handle = (_request, response) => json(response, 200, PRODUCT, { etag: '"v1"' });
    let token = 'user-1';
    const client = new MobileBffClient({ baseUrl, token: () => token });

    await client.productDetails('42');
    token = 'user-2';
    await client.productDetails('42');

    expect(seen[1]?.headers['if-none-match']).toBeUndefined();
  });

  it('waits out a 429 within the bound once, then answers', async () => {
    let calls = 0;
    handle = (_request, response) =>
      ++calls === 1
        ? problem(response, 429, 'RATE_LIMITED', 'Too many requests.', { 'retry-after': '1' })
        : json(response, 200, PRODUCT);
    const started = Date.now();

    const answer = await new MobileBffClient({ baseUrl, maxRetryAfterSeconds: 2 }).productDetails('42');

    expect(answer.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('throws the RATE_LIMITED problem at once when Retry-After is past the bound', async () => {
    handle = (_request, response) =>
      problem(response, 429, 'RATE_LIMITED', 'Too many requests.', { 'retry-after': '30' });

    const failure = new MobileBffClient({ baseUrl, maxRetryAfterSeconds: 5 }).productDetails('42');

    await expect(failure).rejects.toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(seen).toHaveLength(1);
  });

  it('throws when the retry is limited again, without a second wait', async () => {
    handle = (_request, response) =>
      problem(response, 429, 'RATE_LIMITED', 'Too many requests.', { 'retry-after': '0' });

    await expect(new MobileBffClient({ baseUrl }).productDetails('42')).rejects.toBeInstanceOf(
      MobileBffProblem,
    );
    expect(seen).toHaveLength(2);
  });

  it('maps a problem response to a typed MobileBffProblem with its extensions', async () => {
    handle = (_request, response) =>
      response.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '2' }).end(
        JSON.stringify({
          status: 503,
          code: 'UPSTREAM_UNAVAILABLE',
          detail: 'The broker is unavailable.',
          reason: 'broker-unavailable',
        }),
      );

    const failure = await new MobileBffClient({ baseUrl })
      .productDetails('42')
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MobileBffProblem);
    expect(failure).toMatchObject({
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
      detail: 'The broker is unavailable.',
      retryAfterSeconds: 2,
      body: { reason: 'broker-unavailable' },
    });
  });

  it('maps an answer that is no problem body to UNEXPECTED_RESPONSE', async () => {
    handle = (_request, response) =>
      response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');

    await expect(new MobileBffClient({ baseUrl }).productDetails('42')).rejects.toMatchObject({
      status: 502,
      code: 'UNEXPECTED_RESPONSE',
    });
  });

  it('maps a refused connection to NETWORK', async () => {
    const client = new MobileBffClient({ baseUrl: 'http://127.0.0.1:1' });

    await expect(client.productDetails('42')).rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });

  it('exposes x-bff-degraded and keeps the degraded part a typed Unavailable marker', async () => {
    handle = (_request, response) => json(response, 200, PRODUCT, { 'x-bff-degraded': 'delivery' });

    const { body, degraded } = await new MobileBffClient({ baseUrl }).productDetails('42');

    expect(degraded).toEqual(['delivery']);
    const line =
      body.delivery.status === 'ok'
        ? `${body.delivery.estimatedDays} days`
        : `delivery ${body.delivery.reason}`;
    expect(line).toBe('delivery timeout');
  });

  it('posts a review with its Idempotency-Key and returns the operation and its Location', async () => {
    const operation = { id: 'key-1', kind: 'review.submit', productId: '12', status: 'pending' };
    let posted: unknown;
    handle = (_request, response, body) => {
      posted = JSON.parse(body);
      json(response, 202, operation, { location: '/operations/key-1', 'cache-control': 'no-store' });
    };
    const draft = { rating: 5, title: 'Warm', body: 'Kept me warm all winter.' } as const;

    const accepted = await new MobileBffClient({ baseUrl, token: () => 't' }).submitReview('12', draft, {
      idempotencyKey: 'key-1',
    });

    expect(seen[0]).toMatchObject({ method: 'POST', url: '/products/12/reviews' });
    expect(seen[0]?.headers).toMatchObject({
      'idempotency-key': 'key-1',
      'content-type': 'application/json',
    });
    expect(posted).toEqual(draft);
    expect(accepted).toMatchObject({ status: 202, location: '/operations/key-1', body: operation });
  });

  it('reads an operation without revalidating it', async () => {
    handle = (_request, response) =>
      json(
        response,
        200,
        { id: 'op', kind: 'review.submit', productId: '12', status: 'done', reviewId: 'r1' },
        { etag: '"x"' },
      );
    const client = new MobileBffClient({ baseUrl });

    await client.operation('op');
    const { body } = await client.operation('op');

    expect(seen[1]?.headers['if-none-match']).toBeUndefined();
    expect(body.status === 'done' && body.reviewId).toBe('r1');
  });
});
