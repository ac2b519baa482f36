import { Registry } from 'prom-client';
import { DownstreamCallMetrics } from './downstream-call.metrics';
import { prometheusSeries } from '@bff/testing';

describe('DownstreamCallMetrics', () => {
  let registry: Registry;
  let metrics: DownstreamCallMetrics;

  beforeEach(() => {
    registry = new Registry();
    metrics = new DownstreamCallMetrics(registry);
  });

  it('observes each call under its service, protocol and outcome', async () => {
    const inventory = metrics.recorderFor('inventory', 'grpc');
    inventory.record('success', 0.004);
    inventory.record('success', 0.02);
    metrics.recorderFor('shipping', 'amqp').record('timeout', 1.2);

    const text = await registry.metrics();

    expect(text).toContain('bff_downstream_call_duration_seconds_count{service="inventory",protocol="grpc",outcome="success"} 2');
    expect(text).toContain('bff_downstream_call_duration_seconds_bucket{le="0.005",service="inventory",protocol="grpc",outcome="success"} 1');
    expect(text).toContain('bff_downstream_call_duration_seconds_count{service="shipping",protocol="amqp",outcome="timeout"} 1');
    expect(text).toContain('bff_downstream_call_duration_seconds_sum{service="shipping",protocol="amqp",outcome="timeout"} 1.2');
  });

  it('adds no series for more calls of the same outcome', async () => {
    const product = metrics.recorderFor('product', 'http');
    product.record('success', 0.01);
    product.record('circuit-open', 0);
    const before = prometheusSeries(await registry.metrics());

    for (let call = 0; call < 1_000; call++) product.record(call % 2 === 0 ? 'success' : 'circuit-open', call / 1_000);

    expect(prometheusSeries(await registry.metrics())).toEqual(before);
  });
});
