import { BffError, toProblem } from '@bff/problem';
import type { ServerResponse, IncomingMessage } from 'node:http';
import { callerHarness, type CallerHarness } from '../../test/caller-harness';
import { DownstreamStub, closedPort, json } from '../../test/downstream-stub';
import type { DownstreamPath } from './downstream-path';
import { sampleProduct } from '../../test/product.fixture';

const product = sampleProduct;

async function failure(promise: Promise<unknown>): Promise<BffError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BffError);
  return error as BffError;
}

describe('DownstreamCaller', () => {
  let stub: DownstreamStub;
  let client: CallerHarness;

  beforeAll(async () => {
    stub = await DownstreamStub.start();
  });

  beforeEach(() => {
    stub.reset((_req, res) => json(res, 200, product));
    client = callerHarness(stub.url);
  });

  afterEach(async () => {
    await client.close();
  });

  afterAll(async () => {
    await stub.stop();
  });

  it('resolves the JSON body of a 2xx response', async () => {
    await expect(client.products.getProduct('1')).resolves.toEqual(product);
    expect(stub.requests[0]).toMatchObject({
      method: 'GET',
      url: '/products/1',
      headers: expect.objectContaining({ accept: 'application/json' }),
    });
  });

  it('sends the headers a call adds', async () => {
    await client.products.getProduct('1', { headers: { 'x-request-id': 'req-42', 'accept-language': 'de' } });

    expect(stub.requests[0].headers).toMatchObject({ 'x-request-id': 'req-42', 'accept-language': 'de' });
  });

  describe('maps every failure to a problem that names the service and never the host', () => {
    type Handler = (req: IncomingMessage, res: ServerResponse) => void;
    const cases: [string, Handler, number, string][] = [
      [
        '404',
        (_req, res) => json(res, 404, { message: 'no such product at http://127.0.0.1' }),
        404,
        'NOT_FOUND',
      ],
      ['500', (_req, res) => json(res, 500, { stack: 'Error at /srv/app.js' }), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['503', (_req, res) => json(res, 503, {}), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['400', (_req, res) => json(res, 400, { error: 'bad' }), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['401', (_req, res) => json(res, 401, {}), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['304', (_req, res) => res.writeHead(304).end(), 502, 'UPSTREAM_BAD_RESPONSE'],
      [
        'a 302 (not followed)',
        (req, res) =>
          req.url === '/products/1'
            ? res.writeHead(302, { location: '/products/2' }).end()
            : json(res, 200, product),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'invalid JSON',
        (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "1",'),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'an HTML body',
        (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hi</h1>'),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'JSON under another content type',
        (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('{}'),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'a JSON null',
        (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('null'),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'a JSON string',
        (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('"ok"'),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'an empty body',
        (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'a body over the size cap',
        (_req, res) => json(res, 200, { ...product, description: 'x'.repeat(10_000) }),
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      [
        'a connection reset mid-response',
        (req, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
          res.write('{"id":');
          setTimeout(() => req.socket.destroy(), 5);
        },
        502,
        'UPSTREAM_BAD_RESPONSE',
      ],
      ['a connection reset before any response', (req) => req.socket.destroy(), 503, 'UPSTREAM_UNAVAILABLE'],
    ];

    it.each(cases.map(([name, handler, status, code]) => ({ name, handler, status, code })))(
      '$name → $status $code',
      async ({ handler, status, code }) => {
        stub.handle(handler);

        const error = await failure(client.products.getProduct('1'));
        const problem = toProblem(error, '/api/products/1');

        expect(problem).toMatchObject({ status, code, service: 'product' });
        expect(problem.detail).toMatch(/product/);
        expectNoInternals(problem, stub.port);
        expectNoInternals(String(error.cause), stub.port);
      },
    );

    it('a 404 keeps the detail the client chose', async () => {
      stub.handle((_req, res) => json(res, 404, {}));

      const error = await failure(client.products.getProduct('1'));

      expect(error.detail).toBe('No product with id 1.');
    });

    it('a refused connection → 503 UPSTREAM_UNAVAILABLE', async () => {
      const port = await closedPort();
      const refused = callerHarness(`http://127.0.0.1:${port}`);
      try {
        const error = await failure(refused.products.getProduct('1'));
        const problem = toProblem(error);

        expect(problem).toMatchObject({ status: 503, code: 'UPSTREAM_UNAVAILABLE', service: 'product' });
        expectNoInternals(problem, port);
        expectNoInternals(String(error.cause), port);
      } finally {
        await refused.close();
      }
    });

    it('a timeout → 504 UPSTREAM_TIMEOUT, and the downstream sees the connection closed', async () => {
      stub.handle(() => undefined);

      const error = await failure(client.products.getProduct('1', { timeoutMs: 50 }));

      expect(toProblem(error)).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT', service: 'product' });
      await stub.requests[0].socketClosed;
    });

    it('a body that stalls past the time limit → 504 UPSTREAM_TIMEOUT, closing the connection', async () => {
      stub.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":');
      });

      const error = await failure(client.products.getProduct('1', { timeoutMs: 50 }));

      expect(error.code).toBe('UPSTREAM_TIMEOUT');
      await stub.requests[0].socketClosed;
    });

    it("the service's default timeout applies when a call sets none", async () => {
      const impatient = callerHarness(stub.url, { timeoutMs: 40 });
      stub.handle(() => undefined);
      try {
        await expect(impatient.products.getProduct('1')).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      } finally {
        await impatient.close();
      }
    });

    it('a spent time budget fails at once, without a request', async () => {
      await expect(client.products.getProduct('1', { timeoutMs: 0 })).rejects.toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
      });
      await expect(client.products.getProduct('1', { timeoutMs: -5 })).rejects.toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
      });
      expect(stub.requests).toHaveLength(0);
    });
  });

  describe("the caller's signal", () => {
    beforeEach(() => stub.handle(() => undefined));

    it('aborted by a timeout → 504, closing the connection', async () => {
      const error = await failure(client.products.getProduct('1', { signal: AbortSignal.timeout(30) }));

      expect(error).toMatchObject({ code: 'UPSTREAM_TIMEOUT', extensions: { service: 'product' } });
      await stub.requests[0].socketClosed;
    });

    it('aborted for another reason → 503 marked cancelled, closing the connection', async () => {
      const controller = new AbortController();
      const pending = failure(client.products.getProduct('1', { signal: controller.signal }));
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

      await expect(client.products.getProduct('1', { signal: controller.signal })).rejects.toMatchObject({
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
      await expect(client.products.getProduct(id)).rejects.toMatchObject({ code: 'INVALID_ID', status: 400 });
      expect(stub.requests).toHaveLength(0);
    });

    it.each(['http://evil.example/x', '//evil.example/x', '/\\evil.example/x', 'products/1'])(
      'refuses the raw path %j, without a request',
      async (raw) => {
        await expect(client.caller.call({ method: 'GET', path: raw as DownstreamPath })).rejects.toThrow(
          'A downstream path must be relative',
        );
        expect(stub.requests).toHaveLength(0);
      },
    );

    it('encodes query values', async () => {
      stub.handle((_req, res) => json(res, 200, { items: [], nextCursor: null }));

      await client.products.listProducts({
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
    for (let i = 0; i < 20; i++) {
      await client.products.getProduct('1');
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(stub.requests).toHaveLength(20);
    expect(stub.connections).toBe(1);
  });
});

function expectNoInternals(value: unknown, port: number): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  expect(text).not.toContain('127.0.0.1');
  expect(text).not.toContain(String(port));
  expect(text).not.toMatch(/stack|\/srv\//);
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}
