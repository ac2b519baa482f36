import { CacheMetrics } from '@bff/caching';
import { AdmissionMetrics } from '@bff/platform';
import type { DownstreamHealth } from '@bff/service-clients';
import { prometheusSample } from '@bff/testing';
import { ThrottlingMetrics } from '@bff/throttling';
import { Registry } from 'prom-client';
import { GatewayStateMetrics } from './gateway-state.metrics';
import type { MetricsOptions } from './metrics.options';

const OPTIONS: MetricsOptions = { service: 'test', enabled: true, port: 0, host: '127.0.0.1' };

function downstreamHealth(): DownstreamHealth {
  const state = (breaker: 'closed' | 'open', inFlight: number, retries: number) => ({
    breaker,
    inFlight,
    queued: 3,
    retryBudget: { calls: 0, retries: 0, available: 0 },
    totals: { calls: 10, retries, retriesDenied: 1, shortCircuited: 0, rejected: 0, excusedTimeouts: 2 },
  });
  return { states: () => ({ product: state('closed', 4, 5), review: state('open', 0, 0) }) } as unknown as DownstreamHealth;
}

describe('GatewayStateMetrics', () => {
  let registry: Registry;
  let cache: CacheMetrics;
  let throttling: ThrottlingMetrics;
  let admission: AdmissionMetrics;

  beforeEach(() => {
    registry = new Registry();
    cache = new CacheMetrics();
    throttling = new ThrottlingMetrics();
    admission = new AdmissionMetrics();
    new GatewayStateMetrics(registry, OPTIONS, downstreamHealth(), cache, throttling, admission).onModuleInit();
  });

  it("exposes each downstream service's breaker, bulkhead and retries", async () => {
    const text = await registry.metrics();

    expect(prometheusSample(text, 'bff_downstream_breaker_state{service="review",state="open"}')).toBe(1);
    expect(prometheusSample(text, 'bff_downstream_breaker_state{service="review",state="closed"}')).toBe(0);
    expect(prometheusSample(text, 'bff_downstream_breaker_state{service="product",state="closed"}')).toBe(1);
    expect(prometheusSample(text, 'bff_downstream_bulkhead_in_flight{service="product"}')).toBe(4);
    expect(prometheusSample(text, 'bff_downstream_bulkhead_queued{service="product"}')).toBe(3);
    expect(prometheusSample(text, 'bff_downstream_retries_total{service="product"}')).toBe(5);
    expect(prometheusSample(text, 'bff_downstream_retries_denied_total{service="review"}')).toBe(1);
    expect(prometheusSample(text, 'bff_downstream_excused_timeouts_total{service="product"}')).toBe(2);
  });

  it('exposes cache results per route template, read when scraped', async () => {
    cache.record('hits', '/product-details/:productId');
    cache.record('hits', '/product-details/:productId');
    cache.record('misses', '/product-details/:productId');
    cache.record('bypassed', '/users/:userId');
    cache.record('notModified', '/product-details/:productId');
    cache.record('invalidations');

    const text = await registry.metrics();

    expect(prometheusSample(text, 'bff_cache_requests_total{route="/product-details/:productId",result="hit"}')).toBe(2);
    expect(prometheusSample(text, 'bff_cache_requests_total{route="/product-details/:productId",result="miss"}')).toBe(1);
    expect(prometheusSample(text, 'bff_cache_requests_total{route="/product-details/:productId",result="stale"}')).toBe(0);
    expect(prometheusSample(text, 'bff_cache_requests_total{route="/users/:userId",result="bypass"}')).toBe(1);
    expect(prometheusSample(text, 'bff_cache_not_modified_total{route="/product-details/:productId"}')).toBe(1);
    expect(prometheusSample(text, 'bff_cache_invalidations_total')).toBe(1);

    cache.record('hits', '/product-details/:productId');
    expect(prometheusSample(await registry.metrics(), 'bff_cache_requests_total{route="/product-details/:productId",result="hit"}')).toBe(3);
  });

  it('exposes rate-limit decisions per tier and Redis fallbacks', async () => {
    throttling.decided('default', false);
    throttling.decided('default', true);
    throttling.decided('login', false);
    throttling.redisFallbacks = 7;
    throttling.redisOutages = 1;

    const text = await registry.metrics();

    expect(prometheusSample(text, 'bff_rate_limit_decisions_total{tier="default",decision="allowed"}')).toBe(1);
    expect(prometheusSample(text, 'bff_rate_limit_decisions_total{tier="default",decision="limited"}')).toBe(1);
    expect(prometheusSample(text, 'bff_rate_limit_decisions_total{tier="login",decision="limited"}')).toBe(0);
    expect(prometheusSample(text, 'bff_rate_limit_redis_fallbacks_total')).toBe(7);
    expect(prometheusSample(text, 'bff_rate_limit_redis_outages_total')).toBe(1);
  });

  it('exposes admission control and Node process metrics', async () => {
    admission.record('shed');
    admission.readGaugesFrom(() => ({ limit: 64, inFlight: 2, waiting: 1 }));

    const text = await registry.metrics();

    expect(prometheusSample(text, 'bff_admission_requests_total{event="shed"}')).toBe(1);
    expect(prometheusSample(text, 'bff_admission_limit')).toBe(64);
    expect(prometheusSample(text, 'bff_admission_waiting')).toBe(1);
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });
});
