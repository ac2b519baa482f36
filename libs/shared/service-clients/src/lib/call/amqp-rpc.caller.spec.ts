import { AmqpConnections, RequestContext } from '@bff/platform';
import { TcpProxy, eventuallyPasses } from '@bff/testing';
import {
  AmqpShippingStub,
  TEST_AMQP_URL,
  estimateOf,
  type ShippingStubBehaviour,
} from '../../test/amqp-shipping-stub';
import { failure } from '../../test/caller-failure';
import { downstreamOptions, type DownstreamOptionsOverrides } from '../../test/downstream-options';
import { ShippingClient } from '../clients/shipping.client';
import { ServiceResilience } from '../resilience/service-resilience';
import type { ServiceClientsOptions } from '../service-clients.options';
import { AmqpRpcTransport } from '../transport/amqp-rpc.transport';
import { AmqpRpcCaller } from './amqp-rpc.caller';

const ok = (productId: string) => ({ body: { ok: true, estimate: estimateOf(productId) } });
const productOf = (message: { content: Buffer }) =>
  (JSON.parse(message.content.toString()) as { productId: string }).productId;

describe('AmqpRpcCaller (ShippingClient over AMQP request/reply)', () => {
  let stub: AmqpShippingStub;
  let connections: AmqpConnections;
  let transport: AmqpRpcTransport | undefined;

  beforeAll(async () => {
    stub = await AmqpShippingStub.start();
  });

  beforeEach(() => {
    connections = new AmqpConnections();
  });

  afterEach(async () => {
    await transport?.onApplicationShutdown();
    transport = undefined;
    await connections.onApplicationShutdown();
  });

  afterAll(() => stub.stop());

  async function shipping(
    behaviour: ShippingStubBehaviour,
    overrides: DownstreamOptionsOverrides & { url?: string; queue?: string } = {},
  ) {
    const { url = TEST_AMQP_URL, queue = stub.queue, ...rest } = overrides;
    stub.reset(behaviour);
    const options = downstreamOptions('http://127.0.0.1:1', { amqp: { url, requestQueue: queue }, ...rest });
    transport = new AmqpRpcTransport({ shipping: options } as unknown as ServiceClientsOptions, connections);
    await transport.onModuleInit();
    const resilience = new ServiceResilience(options);
    return {
      client: new ShippingClient(new AmqpRpcCaller('shipping', options, resilience, transport)),
      resilience,
    };
  }

  it('sends the request with direct reply-to and answers with the estimate the service sent', async () => {
    const { client } = await shipping((message) => ok(productOf(message)));

    await expect(client.getDeliveryEstimate('42')).resolves.toEqual(estimateOf('42'));
    expect(stub.calls).toHaveLength(1);
    expect(JSON.parse(stub.calls[0].body)).toEqual({ productId: '42' });
    expect(stub.calls[0].replyTo).toMatch(/^amq\.rabbitmq\.reply-to/);
  });

  it('matches concurrent replies to their requests, whatever order they come in', async () => {
    const { client } = await shipping((message) => ({
      ...ok(productOf(message)),
      delayMs: 40 - Number(productOf(message)),
    }));

    const ids = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    const estimates = await Promise.all(ids.map((id) => client.getDeliveryEstimate(id)));
    expect(estimates.map((estimate) => estimate.productId)).toEqual(ids);
  });

  it('carries the request context as message headers, by the same allowlist as HTTP, and expires the request at the try timeout', async () => {
    const { client } = await shipping((message) => ok(productOf(message)), { timeoutMs: 700 });
    const context = new RequestContext({
      requestId: 'req-amqp-1',
      clientIp: '198.51.100.4',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01',
      acceptLanguage: 'it',
      subject: '7',
    });

    await RequestContext.run(context, () => client.getDeliveryEstimate('42'));

    const { headers, expiration } = stub.calls[0];
    expect(headers).toMatchObject({
      'x-request-id': 'req-amqp-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01',
      'accept-language': 'it',
      'x-user-id': '7',
      'x-forwarded-for': '198.51.100.4',
    });
    expect(headers).not.toHaveProperty('authorization');
    expect(Number(expiration)).toBeLessThanOrEqual(700);
    expect(Number(expiration)).toBeGreaterThan(600);
  });

  describe('failures, mapped like any downstream call', () => {
    it.each([
      [404, 'NOT_FOUND', 404],
      [400, 'UPSTREAM_BAD_RESPONSE', 502],
      [503, 'UPSTREAM_BAD_RESPONSE', 502],
    ])('a reply with status %s → %s (%s), no service text passed on', async (status, code, httpStatus) => {
      const { client } = await shipping(() => ({
        body: { ok: false, status, title: 'db-7.internal:5432 refused' },
      }));

      const error = await failure(client.getDeliveryEstimate('42'));
      expect(error.code).toBe(code);
      expect(error.status).toBe(httpStatus);
      expect(JSON.stringify(error.extensions) + error.message).not.toContain('db-7');
    });

    it('names the product when the service has no estimate for it', async () => {
      const { client } = await shipping(() => ({ body: { ok: false, status: 404, title: 'Not Found' } }));

      expect((await failure(client.getDeliveryEstimate('42'))).message).toBe(
        'No delivery estimate for product 42.',
      );
    });

    it.each([
      ['not JSON', 'not json {'],
      ['JSON outside the contract', { ok: true, estimate: { productId: '42', options: 'soon' } }],
      ['the estimate of another product', { ok: true, estimate: estimateOf('43') }],
    ])('a reply that is %s → UPSTREAM_BAD_RESPONSE', async (_, body) => {
      const { client } = await shipping(() => ({ body }));

      expect((await failure(client.getDeliveryEstimate('42'))).code).toBe('UPSTREAM_BAD_RESPONSE');
    });

    it('no reply within the try timeout → UPSTREAM_TIMEOUT, and nothing is sent twice', async () => {
      const { client } = await shipping(() => 'no-reply', { timeoutMs: 150 });

      const started = performance.now();
      expect((await failure(client.getDeliveryEstimate('42'))).code).toBe('UPSTREAM_TIMEOUT');
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(stub.calls).toHaveLength(1);
    });

    it('a request no queue takes comes back from the broker → UPSTREAM_UNAVAILABLE at once', async () => {
      const { client } = await shipping(() => 'no-reply', {
        queue: `${stub.queue}.nobody`,
        timeoutMs: 5_000,
      });

      const started = performance.now();
      expect((await failure(client.getDeliveryEstimate('42'))).code).toBe('UPSTREAM_UNAVAILABLE');
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('the caller cancelling ends the call with its own reason, and the late reply is dropped', async () => {
      const { client } = await shipping((message) => ({ ...ok(productOf(message)), delayMs: 200 }));
      const controller = new AbortController();

      const call = client.getDeliveryEstimate('42', { signal: controller.signal });
      setTimeout(
        () => controller.abort(new DOMException('The route budget was exceeded.', 'TimeoutError')),
        20,
      );
      expect((await failure(call)).code).toBe('UPSTREAM_TIMEOUT');
      await new Promise((resolve) => setTimeout(resolve, 300));
    });

    it('a broker that cannot be reached → UPSTREAM_UNAVAILABLE at once', async () => {
      const proxy = await TcpProxy.start(
        new URL(TEST_AMQP_URL).port ? Number(new URL(TEST_AMQP_URL).port) : 5672,
      );
      proxy.cut();
      try {
        const { client } = await shipping(() => 'no-reply', { url: urlThrough(proxy), timeoutMs: 5_000 });

        const started = performance.now();
        expect((await failure(client.getDeliveryEstimate('42'))).code).toBe('UPSTREAM_UNAVAILABLE');
        expect(performance.now() - started).toBeLessThan(500);
      } finally {
        await proxy.stop();
      }
    });

    it('calls in flight when the connection drops fail as UPSTREAM_UNAVAILABLE, and calls work again once it is back', async () => {
      const proxy = await TcpProxy.start(Number(new URL(TEST_AMQP_URL).port || 5672));
      try {
        const { client } = await shipping(() => 'no-reply', { url: urlThrough(proxy), timeoutMs: 5_000 });

        const inFlight = client.getDeliveryEstimate('42');
        await eventuallyPasses(() => expect(stub.calls).toHaveLength(1));
        proxy.cut();
        expect((await failure(inFlight)).code).toBe('UPSTREAM_UNAVAILABLE');

        stub.reset((message) => ok(productOf(message)));
        proxy.restore();
        await eventuallyPasses(() => expect(connections.state(urlThrough(proxy))).toBe('up'), 5_000);
        await waitForChannel(transport as AmqpRpcTransport);
        await eventuallyPasses(
          async () => expect(await client.getDeliveryEstimate('42')).toEqual(estimateOf('42')),
          5_000,
        );
      } finally {
        await proxy.stop();
      }
    });
  });

  it("opens the service's breaker after enough failures, and then fails fast without sending", async () => {
    const { client } = await shipping(() => ({ body: { ok: false, status: 503, title: 'down' } }), {
      breaker: { minRequests: 3, failureRatio: 0.5 },
    });

    for (let i = 0; i < 3; i++) await failure(client.getDeliveryEstimate('42'));
    const error = await failure(client.getDeliveryEstimate('42'));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.extensions).toMatchObject({ reason: 'circuit-open' });
    expect(stub.calls).toHaveLength(3);
  });
});

function urlThrough(proxy: TcpProxy): string {
  const url = new URL(TEST_AMQP_URL);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}

/** After a reconnection the channel's consumer is set up again shortly after the connection: wait for a call to be possible. */
async function waitForChannel(transport: AmqpRpcTransport): Promise<void> {
  const channel = transport.channelFor('shipping') as unknown as { ready: boolean };
  const until = performance.now() + 2_000;
  while (!channel.ready && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}
