import type { MobileProductDetails } from '@bff/mobile-contracts';
import { AppProcess, DemoFaults, DemoStack, TestAuth, request, type TimedResponse } from '@bff/testing';

/**
 * Overload made cheaply and independently of machine speed: a BFF allowed two requests
 * in flight, a product service that takes 400 ms, and a few dozen requests at once.
 * Every number below is a count, not a duration.
 */
const SLOTS = 2;
const BURST = 30;
const PRODUCT_LATENCY_MS = 400;
const PROBLEM = /^application\/problem\+json/;

type Screen = MobileProductDetails | { code: string; reason: string };

/** The cache is off, so every admitted request calls the product service; ids go round the 500 products. */
let lastProduct = 0;
const freshProduct = () => String((lastProduct++ % 500) + 1);

describe('mobile-bff under overload', () => {
  let stack: DemoStack;
  /** Two slots, no queue: everything past two in flight is turned away at once. */
  let shedding: AppProcess;
  /** One slot and a queue, against a 1.2 s route budget. */
  let queueing: AppProcess;
  let product: DemoFaults;
  const auth = new TestAuth();

  const screen = (base: AppProcess, id = freshProduct()) => request<Screen>(`${base.url}/product-details/${id}`);
  const burst = (base: AppProcess, count: number) => Promise.all(Array.from({ length: count }, () => screen(base)));
  const productCalls = async () => (await product.stats()).requests;

  beforeAll(async () => {
    stack = await DemoStack.start();
    const common = {
      ...stack.bffEnv(),
      ...auth.env(),
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
      RESPONSE_CACHE_ENABLED: 'false',
      PRODUCT_DETAILS_BUDGET_MS: '1200',
      // Breakers that open at the slightest doubt: had the overload counted against the
      // product service, five calls would have opened its breaker.
      DOWNSTREAM_RETRIES: '0',
      DOWNSTREAM_BREAKER_MIN_REQUESTS: '5',
      DOWNSTREAM_BREAKER_FAILURE_RATIO: '0.1',
      DOWNSTREAM_BREAKER_COOLDOWN_MS: '60000',
      // The event-loop valve is not under test: a stalled test machine must not turn a
      // request away for another reason than the one asserted.
      ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '0',
    };
    [shedding, queueing] = await Promise.all([
      AppProcess.start('mobile-bff', {
        ...common,
        ADMISSION_INITIAL_LIMIT: String(SLOTS),
        ADMISSION_MIN_LIMIT: String(SLOTS),
        ADMISSION_MAX_LIMIT: String(SLOTS),
        ADMISSION_MAX_QUEUE: '0',
      }),
      AppProcess.start('mobile-bff', {
        ...common,
        ADMISSION_INITIAL_LIMIT: '1',
        ADMISSION_MIN_LIMIT: '1',
        ADMISSION_MAX_LIMIT: '1',
        ADMISSION_MAX_QUEUE: '50',
      }),
    ]);
    product = new DemoFaults(stack.services.product.url);
  }, 60_000);

  beforeEach(async () => {
    await product.reset();
    await product.set({ latencyMs: PRODUCT_LATENCY_MS });
  });

  afterAll(async () => {
    await Promise.all([shedding?.stop(), queueing?.stop()]);
    await stack?.stop();
  });

  function expectOverloaded(res: TimedResponse<Screen>, reason: string): void {
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(PROBLEM);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body).toEqual({
      type: 'urn:bff:problem:overloaded',
      title: 'Overloaded',
      status: 503,
      detail: expect.any(String),
      code: 'OVERLOADED',
      reason,
    });
  }

  it('turns the excess away with 503, Retry-After and a problem body, before any downstream call', async () => {
    const answers = await burst(shedding, BURST);

    const served = answers.filter((res) => res.status === 200);
    const shed = answers.filter((res) => res.status !== 200);
    expect(served.length).toBeGreaterThanOrEqual(1);
    // Two slots held for 400 ms each: a burst sent at once cannot get near half of them in.
    expect(shed.length).toBeGreaterThanOrEqual(BURST / 2);
    for (const res of shed) expectOverloaded(res, 'concurrency-limit');
    // The product service saw the admitted requests only.
    expect(await productCalls()).toBe(served.length);
  });

  it('keeps answering /health and reports the overload on /ready meanwhile', async () => {
    const load = burst(shedding, BURST);
    // Asked while the burst holds every slot: health is never turned away.
    const [health, ready] = await Promise.all([request(`${shedding.url}/health`), request(`${shedding.url}/ready`)]);
    await load;

    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', service: 'mobile-bff' });
    expect([200, 503]).toContain(ready.status);
    // Once a 100 ms window with requests turned away has ended, /ready says so.
    const overloaded = await eventually(async () => (await request(`${shedding.url}/ready`)).status === 503, () => burst(shedding, 6));
    expect(overloaded).toBe(true);
  });

  it('keeps the breaker of a healthy downstream closed through the overload: the first request after it is answered 200', async () => {
    for (let round = 0; round < 3; round++) await burst(shedding, BURST);
    await product.clear();

    const first = await screen(shedding);

    expect(first.status).toBe(200);
    const body = first.body as MobileProductDetails;
    expect(body).toMatchObject({ rating: { status: 'ok' }, stock: { status: 'ok' } });
    expect(first.headers.get('x-bff-degraded')).toBeNull();
  });

  it('runs queued requests that can still make their budget and drops the rest before they start', async () => {
    // One slot, 400 ms per page, 1.2 s budget: the first waiter still fits, later ones cannot.
    const answers = await burst(queueing, 8);

    const served = answers.filter((res) => res.status === 200);
    const dropped = answers.filter((res) => res.status !== 200);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(dropped.length).toBeGreaterThanOrEqual(1);
    for (const res of dropped) expect((res.body as { reason: string }).reason).toMatch(/^(queue-deadline|concurrency-limit)$/);
    expect(dropped.some((res) => (res.body as { reason: string }).reason === 'queue-deadline')).toBe(true);
    for (const res of dropped) expectOverloaded(res, (res.body as { reason: string }).reason);
    // Dropped before their work started: none of them reached the product service.
    expect(await productCalls()).toBe(served.length);
    // And the gateway recovers at once.
    await product.clear();
    expect((await screen(queueing)).status).toBe(200);
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until `check` holds, doing `meanwhile` between tries, for at most 5 s (windows are 100 ms; a loaded machine stretches them). */
async function eventually(check: () => Promise<boolean>, meanwhile: () => Promise<unknown>): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 5_000; ) {
    const load = meanwhile();
    await sleep(150);
    if (await check()) {
      await load;
      return true;
    }
    await load;
  }
  return false;
}
