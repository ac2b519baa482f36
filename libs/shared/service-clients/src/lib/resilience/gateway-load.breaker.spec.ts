import { HttpService } from '@nestjs/axios';
import { GatewayLoad } from '@bff/platform';
import { AxiosError } from 'axios';
import { DownstreamStub } from '../../test/downstream-stub';
import { downstreamOptions } from '../../test/downstream-options';
import { DownstreamCaller } from '../call/downstream-caller';
import { ProductClient } from '../clients/product.client';
import { downstreamAxiosConfig } from '../transport/downstream-axios.config';
import { leanAxios } from '../transport/lean-axios';
import { UndiciAdapter } from '../transport/undici.adapter';
import { ServiceResilience } from './service-resilience';

/** A gateway whose own event loop was last congested at `lastCongestedAt` (a `performance.now()` time). */
class FakeGatewayLoad extends GatewayLoad {
  lastCongestedAt = Number.NEGATIVE_INFINITY;
  asked: number[] = [];

  congestedSince(startedAt: number): boolean {
    this.asked.push(startedAt);
    return this.lastCongestedAt >= startedAt;
  }

  congestedThroughout(): void {
    this.lastCongestedAt = Number.POSITIVE_INFINITY;
  }

  quiet(): void {
    this.lastCongestedAt = Number.NEGATIVE_INFINITY;
  }
}

const breaker = { failureRatio: 0.5, minRequests: 5, windowMs: 10_000, cooldownMs: 60_000 };
const timedOut = () => Promise.reject(new AxiosError('timeout of 500ms exceeded', 'ECONNABORTED'));
const refused = () => Promise.reject(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED'));

async function callTimes(resilience: ServiceResilience, times: number, fn: () => Promise<unknown>, signal?: AbortSignal) {
  for (let i = 0; i < times; i++) await resilience.breaker.execute(fn, signal).catch(() => undefined);
}

describe('the circuit breaker judges the downstream, not the gateway', () => {
  it('does not hold timeouts against a service while the gateway itself was congested', async () => {
    const load = new FakeGatewayLoad();
    load.congestedThroughout();
    const resilience = new ServiceResilience({ ...downstreamOptions('http://x'), breaker }, Math.random, load);

    await callTimes(resilience, 30, timedOut);

    expect(resilience.state().breaker).toBe('closed');
    expect(resilience.state().totals.excusedTimeouts).toBe(30);
  });

  it('holds the same timeouts against it when the gateway was not congested', async () => {
    const load = new FakeGatewayLoad();
    load.quiet();
    const resilience = new ServiceResilience({ ...downstreamOptions('http://x'), breaker }, Math.random, load);

    await callTimes(resilience, 5, timedOut);

    expect(resilience.state().breaker).toBe('open');
    expect(resilience.state().totals.excusedTimeouts).toBe(0);
  });

  it('asks about congestion since the call started, not before', async () => {
    const load = new FakeGatewayLoad();
    load.lastCongestedAt = performance.now() - 1_000;
    const resilience = new ServiceResilience({ ...downstreamOptions('http://x'), breaker }, Math.random, load);
    const before = performance.now();

    await callTimes(resilience, 5, timedOut);

    expect(load.asked.every((startedAt) => startedAt >= before)).toBe(true);
    expect(resilience.state().breaker).toBe('open');
  });

  it('still counts a refused connection while the gateway is congested: that is the service', async () => {
    const load = new FakeGatewayLoad();
    load.congestedThroughout();
    const resilience = new ServiceResilience({ ...downstreamOptions('http://x'), breaker }, Math.random, load);

    await callTimes(resilience, 5, refused);

    expect(resilience.state().breaker).toBe('open');
  });

  it('never counts a call the gateway cancelled itself', async () => {
    const resilience = new ServiceResilience({ ...downstreamOptions('http://x'), breaker }, Math.random, new FakeGatewayLoad());
    const shed = new AbortController();
    shed.abort(new DOMException('The gateway shed this request.', 'AbortError'));

    await callTimes(resilience, 30, () => Promise.reject(shed.signal.reason), shed.signal);

    expect(resilience.state().breaker).toBe('closed');
  });

  describe('through the caller, against a service that never answers', () => {
    let stub: DownstreamStub;
    let transport: UndiciAdapter;

    beforeEach(async () => {
      stub = await DownstreamStub.start(() => undefined);
      transport = new UndiciAdapter({ connections: 4, origins: [stub.url] });
    });

    afterEach(async () => {
      await transport.close();
      await stub.stop();
    });

    function products(load: GatewayLoad): { client: ProductClient; resilience: ServiceResilience } {
      const options = downstreamOptions(stub.url, { retry: { retries: 0 }, breaker });
      const resilience = new ServiceResilience(options, Math.random, load);
      const http = new HttpService(leanAxios(downstreamAxiosConfig(options, transport.adapter), transport));
      return { client: new ProductClient(new DownstreamCaller(http, 'product', options, resilience)), resilience };
    }

    it('keeps the breaker closed when the route budget ran out while the gateway was congested', async () => {
      const load = new FakeGatewayLoad();
      load.congestedThroughout();
      const { client, resilience } = products(load);

      for (let i = 0; i < 10; i++) await client.getProduct('1', { signal: AbortSignal.timeout(20) }).catch(() => undefined);

      expect(resilience.state()).toMatchObject({ breaker: 'closed', totals: { excusedTimeouts: 10 } });
    });

    it('opens it when the gateway was quiet', async () => {
      const load = new FakeGatewayLoad();
      load.quiet();
      const { client, resilience } = products(load);

      for (let i = 0; i < 5; i++) await client.getProduct('1', { signal: AbortSignal.timeout(20) }).catch(() => undefined);

      expect(resilience.state().breaker).toBe('open');
    });
  });
});
