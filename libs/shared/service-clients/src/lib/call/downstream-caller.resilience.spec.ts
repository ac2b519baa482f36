import { RequestContext } from '@bff/platform';
import { BffError } from '@bff/problem';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callerHarness, type CallerHarness } from '../../test/caller-harness';
import type { DownstreamOptionsOverrides } from '../../test/downstream-options';
import { DownstreamStub, json } from '../../test/downstream-stub';
import { settlesWithoutWaiting } from '@bff/testing';
import { sampleProduct } from '../../test/product.fixture';

const product = sampleProduct;
const review = { productId: '1', rating: 5 as const, title: 'Great', body: 'Fits well.', author: 'Ada' };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const ok: Handler = (_req, res) => json(res, 200, product);
const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.setHeader('content-type', 'application/problem+json');
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.writeHead(code).end(JSON.stringify({ status: code }));
  };
const hang: Handler = () => undefined;

/** Answers the n-th request (from 0) with `handlers[n]`, and later ones with the last handler. */
function sequence(...handlers: Handler[]): Handler {
  let n = 0;
  return (req, res) => (handlers[Math.min(n++, handlers.length - 1)] ?? ok)(req, res);
}

async function failure(promise: Promise<unknown>): Promise<BffError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BffError);
  return error as BffError;
}

async function timed<T>(promise: Promise<T>): Promise<{ elapsed: number; outcome: T | BffError }> {
  const started = performance.now();
  const outcome = await promise.catch((error: BffError) => error);
  return { elapsed: performance.now() - started, outcome };
}

interface SetTimer {
  ms: number;
  cleared: boolean;
}

/**
 * Runs `run` and reports every `setTimeout` it set and whether it was cleared: what the
 * caller decided to wait, independent of how busy the machine is. undici's own timers
 * tick at 499 ms and above; the backoff waits of these tests are all shorter.
 */
async function watchTimers<T>(run: () => Promise<T>): Promise<{ outcome: T | BffError; timers: SetTimer[] }> {
  const timers = new Map<unknown, SetTimer>();
  const realSetTimeout = global.setTimeout;
  const set = jest.spyOn(global, 'setTimeout').mockImplementation(((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const handle = realSetTimeout(callback, ms, ...args);
    timers.set(handle, { ms: ms ?? 0, cleared: false });
    return handle;
  }) as typeof setTimeout);
  const clear = jest.spyOn(global, 'clearTimeout');
  try {
    const outcome = await run().catch((error: BffError) => error);
    for (const [handle] of clear.mock.calls) {
      const timer = timers.get(handle);
      if (timer) timer.cleared = true;
    }
    return { outcome, timers: [...timers.values()] };
  } finally {
    set.mockRestore();
    clear.mockRestore();
  }
}

/** The backoff waits among `timers`: the short ones. */
const waits = (timers: SetTimer[]) => timers.filter(({ ms }) => ms < 499);

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DownstreamCaller resilience', () => {
  let stub: DownstreamStub;
  const arrivals: number[] = [];
  const open: CallerHarness[] = [];

  const client = (overrides: DownstreamOptionsOverrides = {}, random?: () => number) => {
    const harness = callerHarness(stub.url, overrides, random);
    open.push(harness);
    return harness;
  };

  beforeAll(async () => {
    stub = await DownstreamStub.start();
  });

  beforeEach(() => {
    arrivals.length = 0;
    stub.reset(ok);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((harness) => harness.close()));
  });

  afterAll(async () => {
    await stub.stop();
  });

  /** Routes every request to `handler`, noting when each one arrived. */
  const handle = (handler: Handler) =>
    stub.handle((req, res) => {
      arrivals.push(performance.now());
      handler(req, res);
    });

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

  describe('circuit breaker', () => {
    const breaker = { failureRatio: 0.5, minRequests: 4, windowMs: 10_000, cooldownMs: 100 };

    async function tripped(overrides: DownstreamOptionsOverrides = {}) {
      handle(status(500));
      const harness = client({ retry: { retries: 0 }, breaker, ...overrides });
      for (let i = 0; i < breaker.minRequests; i++)
        await harness.products.getProduct('1').catch(() => undefined);
      return harness;
    }

    it('opens once more than the failure ratio of the minimum number of calls failed', async () => {
      handle(status(500));
      const harness = client({ retry: { retries: 0 }, breaker });
      for (let i = 0; i < breaker.minRequests - 1; i++)
        await harness.products.getProduct('1').catch(() => undefined);
      expect(harness.resilience.state().breaker).toBe('closed');

      await harness.products.getProduct('1').catch(() => undefined);

      expect(harness.resilience.state().breaker).toBe('open');
    });

    it('fails fast while open with 503 circuit-open: no request, no timer, no I/O wait', async () => {
      // A cooldown no test run outlasts, so every call meets the open breaker.
      const { products, resilience } = await tripped({ breaker: { ...breaker, cooldownMs: 60_000 } });

      for (let i = 0; i < 200; i++) {
        const call = products.getProduct('1');
        expect(await settlesWithoutWaiting(call)).toBe(true);
        await expect(call).rejects.toMatchObject({
          code: 'UPSTREAM_UNAVAILABLE',
          status: 503,
          extensions: { service: 'product', reason: 'circuit-open' },
        });
      }

      expect(stub.requests).toHaveLength(breaker.minRequests);
      expect(resilience.state()).toMatchObject({ breaker: 'open', totals: { shortCircuited: 200 } });
    });

    it('half-opens after the cooldown and closes when the probe succeeds', async () => {
      const { products, resilience } = await tripped();
      handle(ok);
      await sleep(breaker.cooldownMs + 10);

      await expect(products.getProduct('1')).resolves.toEqual(product);

      expect(resilience.state().breaker).toBe('closed');
      await expect(products.getProduct('1')).resolves.toEqual(product);
      expect(stub.requests).toHaveLength(breaker.minRequests + 2);
    });

    it('reopens when the probe fails', async () => {
      const { products, resilience } = await tripped();
      await sleep(breaker.cooldownMs + 10);

      await expect(products.getProduct('1')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });

      expect(resilience.state().breaker).toBe('open');
      await expect(products.getProduct('1')).rejects.toMatchObject({
        extensions: { reason: 'circuit-open' },
      });
    });

    it('judges calls, not tries: calls rescued by a retry keep it closed', async () => {
      let n = 0;
      handle((req, res) => (n++ % 2 === 0 ? status(503) : ok)(req, res));
      const { products, resilience } = client({ breaker });

      for (let i = 0; i < 10; i++) await expect(products.getProduct('1')).resolves.toEqual(product);

      expect(stub.requests).toHaveLength(20);
      expect(resilience.state().breaker).toBe('closed');
    });

    it.each([
      ['404s', status(404)],
      ['4xx answers', status(400)],
    ])('does not count %s against the service', async (_label, handler) => {
      handle(handler);
      const { products, resilience } = client({ retry: { retries: 0 }, breaker });

      for (let i = 0; i < 10; i++) await products.getProduct('1').catch(() => undefined);

      expect(resilience.state().breaker).toBe('closed');
    });

    it('counts calls that outlast the caller budget against the service', async () => {
      handle(hang);
      const { products, resilience } = client({ retry: { retries: 0 }, breaker });

      for (let i = 0; i < breaker.minRequests; i++) {
        await products.getProduct('1', { signal: AbortSignal.timeout(20) }).catch(() => undefined);
      }

      expect(resilience.state().breaker).toBe('open');
    });
  });

  describe('bulkhead', () => {
    it('caps the calls in flight, queues a few, fails the rest fast with 503 bulkhead-full, and leaves other services alone', async () => {
      handle(hang);
      const { products, resilience } = client({ bulkhead: { maxConcurrency: 2, maxQueue: 1 } });
      const caller = new AbortController();
      const pending = [1, 2, 3].map(() => failure(products.getProduct('1', { signal: caller.signal })));
      await waitFor(() => stub.requests.length === 2);
      expect(resilience.state()).toMatchObject({ inFlight: 2, queued: 1 });

      for (let i = 0; i < 20; i++) {
        const call = products.getProduct('1');
        // Turned away at once: no slot is awaited, no timer set.
        expect(await settlesWithoutWaiting(call)).toBe(true);
        await expect(call).rejects.toMatchObject({
          code: 'UPSTREAM_UNAVAILABLE',
          extensions: { service: 'product', reason: 'bulkhead-full' },
        });
      }
      expect(resilience.state().totals.rejected).toBe(20);

      // Another service's calls go through while this one's bulkhead is full (a shared
      // bulkhead would queue or refuse them).
      const other = await DownstreamStub.start(ok);
      const otherService = callerHarness(other.url);
      try {
        await expect(otherService.products.getProduct('1')).resolves.toEqual(product);
        expect(otherService.resilience.state()).toMatchObject({ totals: { rejected: 0 } });
      } finally {
        await otherService.close();
        await other.stop();
      }

      caller.abort();
      await Promise.all(pending);
      expect(stub.requests).toHaveLength(2);
      expect(resilience.state()).toMatchObject({ inFlight: 0, queued: 0 });
    });

    it('lets a queued call go as soon as a slot frees', async () => {
      handle(sequence(hang, ok));
      const { products } = client({ bulkhead: { maxConcurrency: 1, maxQueue: 1 } });
      const first = products.getProduct('1', { signal: AbortSignal.timeout(100) }).catch(() => 'timed out');
      const second = products.getProduct('1');

      await expect(first).resolves.toBe('timed out');
      await expect(second).resolves.toEqual(product);
    });
  });

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
