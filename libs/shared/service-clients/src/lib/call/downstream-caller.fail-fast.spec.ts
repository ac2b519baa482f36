import { settlesWithoutWaiting } from '@bff/testing';
import { callerHarness } from '../../test/caller-harness';
import type { DownstreamOptionsOverrides } from '../../test/downstream-options';
import { DownstreamStub } from '../../test/downstream-stub';
import {
  failure,
  hang,
  ok,
  product,
  resilienceFixture,
  sequence,
  sleep,
  status,
  waitFor,
} from '../../test/resilience-fixture';

describe('DownstreamCaller resilience', () => {
  const { client, handle, stub } = resilienceFixture();

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

});
