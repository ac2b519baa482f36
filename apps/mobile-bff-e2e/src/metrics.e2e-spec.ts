import { AppProcess, DemoStack, prometheusSample, request } from '@bff/testing';

/**
 * The mobile BFF's metrics: its own management port, the same families as the web
 * BFF's, and none at all when switched off.
 */
describe('mobile-bff: Prometheus metrics on the management port', () => {
  let stack: DemoStack;
  let bff: AppProcess;

  beforeAll(async () => {
    stack = await DemoStack.start();
    bff = await AppProcess.start('mobile-bff', stack.bffEnv());
  });

  afterAll(async () => {
    await bff?.stop();
    await stack?.stop();
  });

  it('counts a page by route template and each of its downstream calls by protocol', async () => {
    expect((await request(`${bff.url}/product-details/5`)).status).toBe(200);

    const { status, text } = await request<string>(bff.metricsUrl ?? '');

    expect(status).toBe(200);
    expect(
      prometheusSample(text, 'bff_http_request_duration_seconds_count{route="/product-details/:productId",method="GET",status_class="2xx"}'),
    ).toBe(1);
    expect(prometheusSample(text, 'bff_downstream_call_duration_seconds_count{service="inventory",protocol="grpc",outcome="success"}')).toBe(1);
    expect(prometheusSample(text, 'bff_downstream_call_duration_seconds_count{service="shipping",protocol="amqp",outcome="success"}')).toBe(1);
    expect(prometheusSample(text, 'bff_cache_requests_total{route="/product-details/:productId",result="miss"}')).toBe(1);
    expect(prometheusSample(text, 'bff_rate_limit_decisions_total{tier="default",decision="allowed"}')).toBe(1);
  });

  it('has no /metrics on the public port', async () => {
    expect((await request(`${bff.url}/metrics`)).status).toBe(404);
  });

  it('opens no management port with METRICS_ENABLED=false', async () => {
    const quiet = await AppProcess.start('mobile-bff', { ...stack.bffEnv(), METRICS_ENABLED: 'false' });
    try {
      expect(quiet.metricsUrl).toBeUndefined();
      expect(quiet.logs).not.toContain('metrics served at');
      expect((await request(`${quiet.url}/product-details/5`)).status).toBe(200);
    } finally {
      await quiet.stop();
    }
  });
});
