import { toProblem } from '@bff/problem';
import { callerHarness } from '../../test/caller-harness';
import { expectNoInternals, failure } from '../../test/caller-failure';
import { closedPort, json } from '../../test/downstream-stub';
import { product, resilienceFixture, type Handler } from '../../test/resilience-fixture';

describe('DownstreamCaller', () => {
  const { stub, client } = resilienceFixture();

  /**
   * A caller whose connection is already open, as in a running gateway: a 50 ms budget
   * must reach the service, not be spent connecting on a loaded machine.
   */
  async function warmedClient() {
    const harness = client();
    await harness.products.getProduct('1');
    return harness;
  }

  describe('maps every failure to a problem that names the service and never the host', () => {
    const answer =
      (code: number, contentType: string, body?: string): Handler =>
      (_req, res) =>
        res.writeHead(code, { 'content-type': contentType }).end(body);
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
      ['invalid JSON', answer(200, 'application/json', '{"id": "1",'), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['an HTML body', answer(200, 'text/html', '<h1>hi</h1>'), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['JSON under another content type', answer(200, 'text/plain', '{}'), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['a JSON null', answer(200, 'application/json', 'null'), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['a JSON string', answer(200, 'application/json', '"ok"'), 502, 'UPSTREAM_BAD_RESPONSE'],
      ['an empty body', answer(200, 'application/json'), 502, 'UPSTREAM_BAD_RESPONSE'],
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

        const error = await failure(client().products.getProduct('1'));
        const problem = toProblem(error, '/api/products/1');

        expect(problem).toMatchObject({ status, code, service: 'product' });
        expect(problem.detail).toMatch(/product/);
        expectNoInternals(problem, stub.port);
        expectNoInternals(String(error.cause), stub.port);
      },
    );

    it('a 404 keeps the detail the client chose', async () => {
      stub.handle((_req, res) => json(res, 404, {}));

      const error = await failure(client().products.getProduct('1'));

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
      const { products } = await warmedClient();
      stub.handle(() => undefined);

      const error = await failure(products.getProduct('1', { timeoutMs: 50 }));

      expect(toProblem(error)).toMatchObject({ status: 504, code: 'UPSTREAM_TIMEOUT', service: 'product' });
      await stub.requests[1].socketClosed;
    });

    it('a body that stalls past the time limit → 504 UPSTREAM_TIMEOUT, closing the connection', async () => {
      const { products } = await warmedClient();
      stub.handle((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":');
      });

      const error = await failure(products.getProduct('1', { timeoutMs: 50 }));

      expect(error.code).toBe('UPSTREAM_TIMEOUT');
      await stub.requests[1].socketClosed;
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
      const { products } = client();
      await expect(products.getProduct('1', { timeoutMs: 0 })).rejects.toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
      });
      await expect(products.getProduct('1', { timeoutMs: -5 })).rejects.toMatchObject({
        code: 'UPSTREAM_TIMEOUT',
      });
      expect(stub.requests).toHaveLength(0);
    });
  });
});
