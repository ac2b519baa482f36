import { AppProcess, DemoFaults, DemoStack, prometheusSample, prometheusSeries, request } from '@bff/testing';

const PAGE_COUNT = 'bff_http_request_duration_seconds_count{route="/product-details/:productId",method="GET",status_class="2xx"}';
const DEFAULT_ALLOWED = 'bff_rate_limit_decisions_total{tier="default",decision="allowed"}';

/** How a downstream call can end: a closed set, like every other label value. */
const OUTCOMES = new Set([
  'success',
  'not-found',
  'bad-response',
  'timeout',
  'unavailable',
  'circuit-open',
  'bulkhead-full',
  'cancelled',
  'misuse',
  'rejected',
  'forbidden',
  'exhausted',
]);
const OUTCOME_LABEL = /,outcome="([^"]*)"/;

/**
 * The gateway's own series (`bff_*`; Node's process metrics come and go with the
 * runtime's handles and GC kinds), the downstream outcome left out: which of its
 * closed set a call ends in depends on the data and the timing, not on the ids.
 */
const gatewaySeries = (exposition: string) => [
  ...new Set(
    prometheusSeries(exposition)
      .filter((series) => series.startsWith('bff_'))
      .map((series) => series.replace(OUTCOME_LABEL, '')),
  ),
];
const outcomesOf = (exposition: string) =>
  new Set(prometheusSeries(exposition).flatMap((series) => OUTCOME_LABEL.exec(series)?.[1] ?? []));

/**
 * The web BFF's Prometheus metrics, scraped from its management port while real
 * traffic goes through its public one: the families an operator reads (inbound
 * routes, each downstream over HTTP, gRPC and AMQP, the cache, rate limits,
 * admission, the process), label values bounded whatever the clients send, and a
 * management port that the public one does not lead to.
 */
describe('web-bff: Prometheus metrics on the management port', () => {
  let stack: DemoStack;
  let bff: AppProcess;
  let reviews: DemoFaults;
  let metricsUrl: string;

  const scrape = async () => {
    const { status, text } = await request<string>(metricsUrl);
    expect(status).toBe(200);
    return text;
  };
  const page = (id: number | string) => request(`${bff.url}/product-details/${id}`);
  const login = (email: string) =>
    request(`${bff.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'not-the-password' }),
    });

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('web-bff', {
      ...stack.bffEnv(),
      // A thousand pages must not meet the default limit; one sign-in attempt a minute must.
      RATE_LIMIT_DEFAULT: 'burst=100000/1s',
      RATE_LIMIT_LOGIN: 'login=1/1m',
    });
    metricsUrl = bff.metricsUrl ?? '';
    reviews = new DemoFaults(stack.services.review.url);
  });

  afterEach(async () => {
    await reviews?.reset().catch(() => undefined);
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  it('serves GET /metrics on a loopback port of its own, in Prometheus text format', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(bff.url).port);

    const { status, headers, text } = await request<string>(metricsUrl);

    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('# TYPE bff_http_request_duration_seconds histogram');
  });

  it('has no /metrics on the public port', async () => {
    const { status } = await request(`${bff.url}/metrics`);

    expect(status).toBe(404);
  });

  it('after a cache hit, a degraded page and a rate-limited request, exposes every family with its labels', async () => {
    expect((await page(11)).headers.get('x-cache')).toBe('MISS');
    expect((await page(11)).headers.get('x-cache')).toBe('HIT');
    await reviews.set({ status: 503 });
    expect((await page(12)).headers.get('x-bff-degraded')).toBe('reviews');
    await reviews.reset();
    expect((await login('metrics@example.com')).status).toBe(401);
    expect((await login('metrics@example.com')).status).toBe(429);

    const text = await scrape();
    const sample = (series: string) => prometheusSample(text, series);

    // Inbound, by route template, method and status class.
    expect(sample(PAGE_COUNT)).toBeGreaterThanOrEqual(3);
    expect(sample('bff_http_request_duration_seconds_count{route="/auth/login",method="POST",status_class="4xx"}')).toBe(2);
    expect(text).toMatch(/^bff_http_request_duration_seconds_bucket\{le="0\.005",route="\/product-details\/:productId",method="GET",status_class="2xx"\} \d+$/m);
    // Every downstream, whatever its protocol, by outcome.
    expect(sample('bff_downstream_call_duration_seconds_count{service="product",protocol="http",outcome="success"}')).toBeGreaterThanOrEqual(2);
    expect(sample('bff_downstream_call_duration_seconds_count{service="inventory",protocol="grpc",outcome="success"}')).toBeGreaterThanOrEqual(2);
    expect(sample('bff_downstream_call_duration_seconds_count{service="shipping",protocol="amqp",outcome="success"}')).toBeGreaterThanOrEqual(2);
    expect(sample('bff_downstream_call_duration_seconds_count{service="review",protocol="http",outcome="bad-response"}')).toBe(1);
    expect(sample('bff_downstream_retries_total{service="review"}')).toBeGreaterThanOrEqual(1);
    expect(sample('bff_downstream_breaker_state{service="review",state="closed"}')).toBe(1);
    expect(sample('bff_downstream_breaker_state{service="review",state="open"}')).toBe(0);
    expect(sample('bff_downstream_bulkhead_in_flight{service="product"}')).toBe(0);
    expect(sample('bff_downstream_bulkhead_queued{service="product"}')).toBe(0);
    // The cache per route, rate limits per tier, admission, the process.
    expect(sample('bff_cache_requests_total{route="/product-details/:productId",result="hit"}')).toBeGreaterThanOrEqual(1);
    expect(sample('bff_cache_requests_total{route="/product-details/:productId",result="miss"}')).toBeGreaterThanOrEqual(2);
    expect(sample('bff_rate_limit_decisions_total{tier="login",decision="limited"}')).toBe(1);
    expect(sample(DEFAULT_ALLOWED)).toBeGreaterThanOrEqual(3);
    expect(sample('bff_rate_limit_redis_fallbacks_total')).toBe(0);
    expect(sample('bff_admission_requests_total{event="admitted"}')).toBeGreaterThanOrEqual(5);
    expect(sample('bff_admission_limit')).toBeGreaterThan(0);
    expect(sample('process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });

  it('adds no series as 1,000 distinct product ids arrive, known and unknown', async () => {
    // Every kind of answer once first: a page, and a product that does not exist.
    expect((await page(1)).status).toBe(200);
    expect((await page(900_001)).status).toBe(404);
    const before = gatewaySeries(await scrape());
    const pagesBefore = prometheusSample(await scrape(), PAGE_COUNT) ?? 0;

    // Products 2 to 500 exist (the demo seeds 500); the rest do not.
    const ids = Array.from({ length: 1_000 }, (_, i) => (i < 499 ? 2 + i : 900_002 + i));
    for (let at = 0; at < ids.length; at += 10) {
      const statuses = await Promise.all(ids.slice(at, at + 10).map(async (id) => (await page(id)).status));
      expect(statuses.every((status) => status === 200 || status === 404)).toBe(true);
    }

    const after = await scrape();
    expect(prometheusSample(after, PAGE_COUNT)).toBe(pagesBefore + 499);
    expect(gatewaySeries(after)).toEqual(before);
    expect([...outcomesOf(after)].filter((outcome) => !OUTCOMES.has(outcome))).toEqual([]);
    // No label anywhere carries an id or a raw path.
    expect(prometheusSeries(after).join('\n')).not.toMatch(/9000\d\d|\/product-details\/\d/);
  });

  it('does not rate-limit, admit or log scrapes', async () => {
    const first = await scrape();
    const logged = bff.logs.length;

    for (let round = 0; round < 10; round++) {
      const statuses = await Promise.all(Array.from({ length: 10 }, async () => (await request(metricsUrl)).status));
      expect(statuses).toEqual(Array(10).fill(200));
    }

    const last = await scrape();
    expect(prometheusSample(last, DEFAULT_ALLOWED)).toBe(prometheusSample(first, DEFAULT_ALLOWED));
    expect(prometheusSample(last, 'bff_admission_requests_total{event="admitted"}')).toBe(
      prometheusSample(first, 'bff_admission_requests_total{event="admitted"}'),
    );
    expect(bff.logs.slice(logged)).not.toContain('/metrics');
  });
});
