import { json } from '../../test/downstream-stub';
import { failure, product, resilienceFixture, waitFor } from '../../test/resilience-fixture';
import type { DownstreamPath } from './downstream-path';

describe('DownstreamCaller', () => {
  const { stub, client } = resilienceFixture();

  it('resolves the JSON body of a 2xx response', async () => {
    await expect(client().products.getProduct('1')).resolves.toEqual(product);
    expect(stub.requests[0]).toMatchObject({
      method: 'GET',
      url: '/products/1',
      headers: expect.objectContaining({ accept: 'application/json' }),
    });
  });

  it('sends the headers a call adds', async () => {
    await client().products.getProduct('1', { headers: { 'x-request-id': 'req-42', 'accept-language': 'de' } });

    expect(stub.requests[0].headers).toMatchObject({ 'x-request-id': 'req-42', 'accept-language': 'de' });
  });

  describe("the caller's signal", () => {
    beforeEach(() => stub.handle(() => undefined));

    it('aborted by a timeout → 504, closing the connection', async () => {
      const error = await failure(client().products.getProduct('1', { signal: AbortSignal.timeout(30) }));

      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', extensions: { service: 'product' } });
      await stub.requests[0].socketClosed;
    });

    it('aborted for another reason → 503 marked cancelled, closing the connection', async () => {
      const controller = new AbortController();
      const pending = failure(client().products.getProduct('1', { signal: controller.signal }));
      await waitFor(() => stub.requests.length === 1);

      controller.abort();
      const error = await pending;

      expect(error).toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        extensions: { service: 'product', cancelled: true },
      });
      await stub.requests[0].socketClosed;
    });

    it('already aborted → fails without a request', async () => {
      const controller = new AbortController();
      controller.abort();

      await expect(client().products.getProduct('1', { signal: controller.signal })).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        extensions: { cancelled: true },
      });
      expect(stub.requests).toHaveLength(0);
    });
  });

  describe('paths', () => {
    it.each([
      '..',
      '.',
      '',
      '%2e%2e',
      '..%2F..%2Fadmin',
      'a/b',
      'http://evil.example',
      '//evil.example',
      'a?admin=1',
    ])('rejects the id %j with 400 INVALID_ID, without a request', async (id) => {
      await expect(client().products.getProduct(id)).rejects.toMatchObject({ code: 'INVALID_ID', status: 400 });
      expect(stub.requests).toHaveLength(0);
    });

    it.each(['http://evil.example/x', '//evil.example/x', '/\\evil.example/x', 'products/1'])(
      'refuses the raw path %j, without a request',
      async (raw) => {
        await expect(client().caller.call({ method: 'GET', path: raw as DownstreamPath })).rejects.toThrow(
          'A downstream path must be relative',
        );
        expect(stub.requests).toHaveLength(0);
      },
    );

    it('encodes query values', async () => {
      stub.handle((_req, res) => json(res, 200, { items: [], nextCursor: null }));

      await client().products.listProducts({
        category: 'shoes & socks',
        limit: 5,
        cursor: 'eyJ/Ijox+fQ==&admin=1',
      });

      const url = new URL(stub.requests[0].url, 'http://stub');
      expect(url.pathname).toBe('/products');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        category: 'shoes & socks',
        limit: '5',
        cursor: 'eyJ/Ijox+fQ==&admin=1',
      });
    });
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const { products } = client();
    for (let i = 0; i < 20; i++) {
      await products.getProduct('1');
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(stub.requests).toHaveLength(20);
    expect(stub.connections).toBe(1);
  });
});
