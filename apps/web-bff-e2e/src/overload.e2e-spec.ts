import { AppProcess, DemoFaults, DemoStack, TestAuth, request, type TimedResponse } from '@bff/testing';
import type { WebProductDetails } from '@bff/web-contracts';

/**
 * Overload made cheaply and independently of machine speed: a BFF allowed two requests
 * in flight and no queue, a product service that takes 400 ms, and a few dozen
 * requests at once. Every assertion is on a count, not a duration.
 */
const SLOTS = 2;
const BURST = 30;
const PROBLEM = /^application\/problem\+json/;

type Page = WebProductDetails | { code: string; reason: string };

/** The cache is off, so every admitted request calls the product service; ids go round the 500 products. */
let lastProduct = 0;
const freshProduct = () => String((lastProduct++ % 500) + 1);

describe('web-bff under overload', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let product: DemoFaults;
  const auth = new TestAuth();

  const page = (id = freshProduct()) => request<Page>(`${bff.url}/product-details/${id}`);
  const burst = (count: number) => Promise.all(Array.from({ length: count }, () => page()));

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      ...auth.env(),
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
      RESPONSE_CACHE_ENABLED: 'false',
      // Breakers that open at the slightest doubt: had the overload counted against the
      // product service, five calls would have opened its breaker.
      DOWNSTREAM_RETRIES: '0',
      DOWNSTREAM_BREAKER_MIN_REQUESTS: '5',
      DOWNSTREAM_BREAKER_FAILURE_RATIO: '0.1',
      DOWNSTREAM_BREAKER_COOLDOWN_MS: '60000',
      ADMISSION_INITIAL_LIMIT: String(SLOTS),
      ADMISSION_MIN_LIMIT: String(SLOTS),
      ADMISSION_MAX_LIMIT: String(SLOTS),
      ADMISSION_MAX_QUEUE: '0',
      ADMISSION_RETRY_AFTER_SECONDS: '3',
      // The event-loop valve is not under test: a stalled test machine must not turn a
      // request away for another reason than the one asserted.
      ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    product = new DemoFaults(stack.services.product.url);
  }, 60_000);

  beforeEach(async () => {
    await product.reset();
    await product.set({ latencyMs: 400 });
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  it('turns the excess away with 503, Retry-After and a problem body, and the product service never sees it', async () => {
    const load = burst(BURST);
    const health = await request(`${bff.url}/health`);
    const answers: TimedResponse<Page>[] = await load;

    const served = answers.filter((res) => res.status === 200);
    const shed = answers.filter((res) => res.status !== 200);
    expect(served.length).toBeGreaterThanOrEqual(1);
    // Two slots held for 400 ms each: a burst sent at once cannot get near half of them in.
    expect(shed.length).toBeGreaterThanOrEqual(BURST / 2);
    for (const res of shed) {
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(PROBLEM);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(res.body).toMatchObject({ type: 'urn:bff:problem:overloaded', status: 503, code: 'OVERLOADED', reason: 'concurrency-limit' });
    }
    expect((await product.stats()).requests).toBe(served.length);
    // Health is never turned away, however full the gateway.
    expect(health.status).toBe(200);
  });

  it('answers the first request after the overload with a complete page: the breakers stayed closed', async () => {
    for (let round = 0; round < 3; round++) await burst(BURST);
    await product.clear();

    const first = await page();

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reviews: { status: 'ok' }, inventory: { status: 'ok' } });
    expect(first.headers.get('x-bff-degraded')).toBeNull();
  });
});
