import { json } from '../../test/downstream-stub';
import {
  failure,
  hang,
  ok,
  product,
  resilienceFixture,
  review,
  sequence,
  status,
  waits,
  watchTimers,
  type Handler,
} from '../../test/resilience-fixture';

describe('DownstreamCaller resilience', () => {
  const { arrivals, client, handle, stub } = resilienceFixture();

  describe('retries', () => {
    it.each([500, 502, 503, 504, 429])(
      'retries a GET answered %i and returns a later success',
      async (code) => {
        handle(sequence(status(code), status(code), ok));

        await expect(client().products.getProduct('1')).resolves.toEqual(product);
        expect(stub.requests).toHaveLength(3);
      },
    );

    it('gives up after the configured number of retries', async () => {
      handle(status(503));

      const error = await failure(client({ retry: { retries: 2 } }).products.getProduct('1'));

      expect(error.code).toBe('UPSTREAM_BAD_RESPONSE');
      expect(stub.requests).toHaveLength(3);
    });

    it.each([
      ['a 404', status(404), 'NOT_FOUND'],
      ['a 400', status(400), 'UPSTREAM_BAD_RESPONSE'],
      ['a 501', status(501), 'UPSTREAM_BAD_RESPONSE'],
      [
        'an invalid 200 body',
        ((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":')) as Handler,
        'UPSTREAM_BAD_RESPONSE',
      ],
    ])('does not retry %s', async (_label, handler, code) => {
      handle(handler);

      await expect(client().products.getProduct('1')).rejects.toMatchObject({ code });
      expect(stub.requests).toHaveLength(1);
    });

    it('retries a connection reset before any response', async () => {
      handle(sequence((req) => req.socket.destroy(), ok));

      await expect(client().products.getProduct('1')).resolves.toEqual(product);
      expect(stub.requests).toHaveLength(2);
    });

    it('retries a try that ran out of its per-try time, closing its connection', async () => {
      handle(sequence(hang, ok));

      await expect(client({ timeoutMs: 50 }).products.getProduct('1')).resolves.toEqual(product);
      expect(stub.requests).toHaveLength(2);
      await stub.requests[0]?.socketClosed;
    });

    it('never retries a POST', async () => {
      handle(status(503));

      await expect(client().reviews.createReview(review)).rejects.toMatchObject({
        code: 'UPSTREAM_BAD_RESPONSE',
      });
      expect(stub.requests).toHaveLength(1);
    });

    it('retries a POST that carries an Idempotency-Key, with the same key every time', async () => {
      handle(sequence(status(503), (_req, res) => json(res, 201, { id: 'r1', ...review })));

      await expect(
        client().reviews.createReview(review, { headers: { 'idempotency-key': 'review-abc' } }),
      ).resolves.toMatchObject({ id: 'r1' });
      expect(stub.requests.map((request) => request.headers['idempotency-key'])).toEqual([
        'review-abc',
        'review-abc',
      ]);
    });

    it('waits a capped exponential backoff with full jitter between tries', async () => {
      handle(sequence(status(503), status(503), ok));
      // The highest draw: 40 ms before the first retry, then 80 ms capped to 60.
      const highest = await watchTimers(() =>
        client({ retry: { baseDelayMs: 40, maxDelayMs: 60 } }, () => 0.999_999).products.getProduct('1'),
      );
      expect(highest.outcome).toEqual(product);
      expect(waits(highest.timers)).toEqual([
        { ms: 39, cleared: false },
        { ms: 59, cleared: false },
      ]);
      // A timer never fires early, so the tries are at least that far apart (a busy machine only adds).
      const [a = 0, b = 0, c = 0] = arrivals;
      expect(b - a).toBeGreaterThanOrEqual(38);
      expect(c - b).toBeGreaterThanOrEqual(58);

      stub.reset();
      handle(sequence(status(503), status(503), ok));
      // The lowest draw: no wait at all.
      const lowest = await watchTimers(() =>
        client({ retry: { baseDelayMs: 40, maxDelayMs: 60 } }, () => 0).products.getProduct('1'),
      );
      expect(lowest.outcome).toEqual(product);
      expect(waits(lowest.timers).map(({ ms }) => ms)).toEqual([0, 0]);
    });

    it('honours Retry-After, waiting as long as the service asked', async () => {
      handle(sequence(status(503, { 'retry-after': '1' }), ok));

      await expect(client().products.getProduct('1')).resolves.toEqual(product);
      expect((arrivals[1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(990);
    });

    it('gives up at once when Retry-After asks for longer than the cap', async () => {
      handle(status(503, { 'retry-after': '5' }));

      const { outcome, timers } = await watchTimers(() =>
        client({ retry: { maxRetryAfterMs: 1_000 } }).products.getProduct('1'),
      );

      expect(outcome).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
      expect(stub.requests).toHaveLength(1);
      // Neither the 5 s asked for nor a shorter wait of its own.
      expect(timers.filter(({ ms }) => ms === 5_000)).toEqual([]);
      expect(waits(timers)).toEqual([]);
    });

    it("does not retry when the backoff would outlast the call's time limit", async () => {
      handle(status(503));

      const { outcome, timers } = await watchTimers(() =>
        client({ retry: { baseDelayMs: 500, maxDelayMs: 500 } }, () => 0.5).products.getProduct('1', {
          timeoutMs: 200,
        }),
      );

      expect(outcome).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
      expect(stub.requests).toHaveLength(1);
      // The 250 ms backoff was never started: the failure at hand is the answer.
      expect(timers.filter(({ ms }) => ms === 250)).toEqual([]);
    });

    it("stops backing off as soon as the caller's budget runs out", async () => {
      handle(status(503));

      const { outcome, timers } = await watchTimers(() =>
        client({ retry: { baseDelayMs: 1_000, maxDelayMs: 1_000 } }, () => 0.9).products.getProduct('1', {
          signal: AbortSignal.timeout(100),
        }),
      );

      expect(outcome).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      expect(stub.requests).toHaveLength(1);
      // The 900 ms backoff started, and the caller's abort cut it short rather than it running out.
      expect(timers.filter(({ ms }) => ms === 900)).toEqual([{ ms: 900, cleared: true }]);
    });
  });

  describe('retry budget', () => {
    it('lets a service that always fails receive at most about 1.2 times the calls made', async () => {
      handle(status(503));
      const { products, resilience } = client({
        retry: { retries: 2, budgetPercent: 20, budgetMinRetries: 0 },
      });
      const calls = 50;

      for (let i = 0; i < calls; i++) await products.getProduct('1').catch(() => undefined);

      expect(stub.requests.length).toBeGreaterThan(calls);
      expect(stub.requests.length).toBeLessThanOrEqual(calls * 1.2);
      expect(resilience.state().totals).toMatchObject({ calls, retries: stub.requests.length - calls });
      expect(resilience.state().totals.retriesDenied).toBeGreaterThan(0);
    });

    it('keeps a small allowance, so a quiet service is still retried', async () => {
      handle(sequence(status(503), ok));

      await expect(
        client({ retry: { budgetPercent: 20, budgetMinRetries: 3 } }).products.getProduct('1'),
      ).resolves.toEqual(product);
      expect(stub.requests).toHaveLength(2);
    });
  });

});
