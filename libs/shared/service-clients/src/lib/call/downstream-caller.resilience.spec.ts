import { RequestContext } from '@bff/platform';
import { json } from '../../test/downstream-stub';
import {
  hang,
  product,
  resilienceFixture,
  timed,
  type Handler,
} from '../../test/resilience-fixture';

describe('DownstreamCaller resilience', () => {
  const { client, handle, stub } = resilienceFixture();

  describe('time limits', () => {
    it('fails with 504 at the route budget when the service is slower, closing its connection', async () => {
      handle(hang);
      const budgetMs = 200;
      const tryTimeoutMs = 3_000;
      const { products } = client({ timeoutMs: tryTimeoutMs });

      const { elapsed, outcome } = await timed(products.getProduct('1', { signal: AbortSignal.timeout(budgetMs) }));

      expect(outcome).toMatchObject({ code: 'UPSTREAM_TIMEOUT', status: 504 });
      expect(stub.requests).toHaveLength(1);
      // The budget, not the 3 s try timeout, ended the call. The bound is half the try
      // timeout, not budget + a few ms: a loaded machine may add hundreds of ms.
      expect(elapsed).toBeGreaterThanOrEqual(budgetMs - 5);
      expect(elapsed).toBeLessThan(tryTimeoutMs / 2);
      await Promise.all(stub.requests.map((request) => request.socketClosed));
    });

    it("keeps every try within the call's own time limit", async () => {
      handle(hang);

      const { elapsed, outcome } = await timed(
        client({ timeoutMs: 600, callTimeoutMs: 800 }).products.getProduct('1'),
      );

      // A first try of 600 ms, then a retry cut to what is left of the 800 ms; uncut, the
      // two tries alone would take 1200 ms. The bound leaves a loaded machine 350 ms. Were
      // the first try's timer late, too little time could be left for a retry after the
      // backoff: the call then ends with one request, before 800 ms but never before 600.
      expect(outcome).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      expect(elapsed).toBeGreaterThanOrEqual(595);
      expect(elapsed).toBeLessThan(1_150);
      expect(stub.requests.length).toBeGreaterThanOrEqual(1);
      expect(stub.requests.length).toBeLessThanOrEqual(2);
      await Promise.all(stub.requests.map((request) => request.socketClosed));
    });
  });

  describe('cacheability', () => {
    const inContext = async (handler: Handler) => {
      handle(handler);
      const context = new RequestContext({
        requestId: 'r',
        clientIp: '127.0.0.1',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01',
      });
      await RequestContext.run(context, () => client().products.getProduct('1'));
      return context.uncacheableReason;
    };
    const answer =
      (headers: Record<string, string>): Handler =>
      (_req, res) => {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        json(res, 200, product);
      };

    it.each([
      ['Cache-Control: no-store', { 'cache-control': 'no-store' }, /no-store/],
      ['Cache-Control: private', { 'cache-control': 'private, max-age=60' }, /private/],
      ['Set-Cookie', { 'set-cookie': 'a=1' }, /Set-Cookie/],
    ])('marks the response uncacheable when the service answers with %s', async (_label, headers, reason) => {
      expect(await inContext(answer(headers))).toMatch(reason);
    });

    it('leaves a shareable answer cacheable', async () => {
      expect(await inContext(answer({ 'cache-control': 'public, max-age=60' }))).toBeUndefined();
    });
  });

  describe('headers', () => {
    it('sends what the request context holds, and the verified subject as x-user-id', async () => {
      const context = new RequestContext({
        requestId: 'req-9',
        clientIp: '198.51.100.4',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01',
        tracestate: 'a=1',
        acceptLanguage: 'it',
        subject: '7',
      });

      await RequestContext.run(context, () => client().products.getProduct('1'));

      expect(stub.requests[0]?.headers).toMatchObject({
        'x-request-id': 'req-9',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01',
        tracestate: 'a=1',
        'accept-language': 'it',
        'x-user-id': '7',
        'x-forwarded-for': '198.51.100.4',
      });
    });

    it.each(['connection', 'x-user-id', 'x-internal-role', 'x-forwarded-for', 'proxy-authorization'])(
      'refuses a call that adds %s, without a request',
      async (name) => {
        await expect(client().products.getProduct('1', { headers: { [name]: 'x-user-id' } })).rejects.toThrow(
          'may not be sent to a downstream service',
        );
        expect(stub.requests).toHaveLength(0);
      },
    );
  });
});
