import type { Stock } from '@bff/downstream-contracts';
import { RequestContext } from '@bff/platform';
import { BffError } from '@bff/problem';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { downstreamOptions, type DownstreamOptionsOverrides } from '../../test/downstream-options';
import { GrpcInventoryStub, type StubBehaviour } from '../../test/grpc-inventory-stub';
import { InventoryClient } from '../clients/inventory.client';
import { ServiceResilience } from '../resilience/service-resilience';
import type { ServiceClientsOptions } from '../service-clients.options';
import { GrpcClients } from '../transport/grpc-clients';
import { GrpcCaller } from './grpc-caller';

const stock: Stock = {
  productId: '1',
  warehouses: [{ warehouseId: 'w1', name: 'North', quantity: 3 }],
  totalQuantity: 3,
  updatedAt: '2024-03-01T00:00:00.000Z',
};
/** What a service may put in a status's details: it must never reach a client. */
const SECRET_DETAILS = 'db-7.internal:5432 refused; stack at Inventory.get';

describe('GrpcCaller (InventoryClient over gRPC)', () => {
  let stub: GrpcInventoryStub;
  let clients: GrpcClients | undefined;

  beforeAll(async () => {
    stub = await GrpcInventoryStub.start();
  });

  afterEach(() => clients?.onApplicationShutdown());

  afterAll(() => stub.stop());

  function inventory(behaviour: StubBehaviour, overrides: DownstreamOptionsOverrides = {}, target = stub.target) {
    stub.reset(behaviour);
    const options = downstreamOptions('http://127.0.0.1:1', { grpcTarget: target, ...overrides });
    clients = new GrpcClients({ inventory: options } as unknown as ServiceClientsOptions);
    const resilience = new ServiceResilience(options);
    return { client: new InventoryClient(new GrpcCaller('inventory', options, resilience), clients), resilience };
  }

  async function failureOf(call: Promise<unknown>): Promise<BffError> {
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(BffError);
    return error as BffError;
  }

  it('answers with the stock the service sent', async () => {
    const { client } = inventory(() => ({ stock }));

    await expect(client.getInventory('1')).resolves.toEqual(stock);
    expect(stub.calls.map((call) => call.request)).toEqual([{ productId: '1' }]);
  });

  describe('status mapping (grpc-gateway)', () => {
    it.each([
      [GrpcStatus.NOT_FOUND, 'NOT_FOUND', 404, {}],
      [GrpcStatus.DEADLINE_EXCEEDED, 'UPSTREAM_TIMEOUT', 504, {}],
      [GrpcStatus.UNAVAILABLE, 'UPSTREAM_UNAVAILABLE', 503, {}],
      [GrpcStatus.RESOURCE_EXHAUSTED, 'UPSTREAM_UNAVAILABLE', 503, { reason: 'resource-exhausted' }],
      [GrpcStatus.INVALID_ARGUMENT, 'BAD_REQUEST', 400, {}],
      [GrpcStatus.OUT_OF_RANGE, 'BAD_REQUEST', 400, {}],
      [GrpcStatus.PERMISSION_DENIED, 'FORBIDDEN', 403, {}],
      [GrpcStatus.INTERNAL, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.UNKNOWN, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.UNIMPLEMENTED, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.DATA_LOSS, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.UNAUTHENTICATED, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.FAILED_PRECONDITION, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.ABORTED, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.ALREADY_EXISTS, 'UPSTREAM_BAD_RESPONSE', 502, {}],
      [GrpcStatus.CANCELLED, 'UPSTREAM_BAD_RESPONSE', 502, {}],
    ])('status %s → %s (%s), no detail string passed on', async (status, code, httpStatus, extensions) => {
      const { client } = inventory(() => ({ status, details: SECRET_DETAILS }), { retry: { retries: 0 } });

      const error = await failureOf(client.getInventory('1'));

      expect(error).toMatchObject({ code, extensions: { service: 'inventory', ...extensions } });
      expect(error.status).toBe(httpStatus);
      expect(JSON.stringify({ detail: error.detail, extensions: error.extensions })).not.toContain('db-7');
      expect(String((error.cause as Error).message)).not.toContain('db-7');
    });

    it('names the product in a NOT_FOUND', async () => {
      const { client } = inventory(() => ({ status: GrpcStatus.NOT_FOUND }));

      const error = await failureOf(client.getInventory('1'));

      expect(error.detail).toBe('No inventory for product 1.');
    });

    it('rejects stock of another product than the one asked for as a bad response', async () => {
      const { client } = inventory(() => ({ stock: { ...stock, productId: '2' } }));

      await expect(client.getInventory('1')).rejects.toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE' });
    });
  });

  describe('retries', () => {
    it('tries again on UNAVAILABLE, within the retries allowed', async () => {
      const { client } = inventory(() => ({ status: GrpcStatus.UNAVAILABLE }), { retry: { retries: 2 } });

      await expect(client.getInventory('1')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(stub.calls).toHaveLength(3);
    });

    it('is rescued by a retry when the service comes back', async () => {
      let calls = 0;
      const { client } = inventory(() => (++calls === 1 ? { status: GrpcStatus.UNAVAILABLE } : { stock }));

      await expect(client.getInventory('1')).resolves.toEqual(stock);
      expect(stub.calls).toHaveLength(2);
    });

    it.each([GrpcStatus.DEADLINE_EXCEEDED, GrpcStatus.INTERNAL, GrpcStatus.RESOURCE_EXHAUSTED, GrpcStatus.NOT_FOUND])(
      'never retries status %s',
      async (status) => {
        const { client } = inventory(() => ({ status }), { retry: { retries: 2 } });

        await client.getInventory('1').catch(() => undefined);
        expect(stub.calls).toHaveLength(1);
      },
    );

    it('retries a service that is not listening at all, then reports it unavailable', async () => {
      const closed = await GrpcInventoryStub.start();
      const target = closed.target;
      await closed.stop();
      const { client } = inventory(() => ({ stock }), { retry: { retries: 1 } }, target);

      await expect(client.getInventory('1')).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    });
  });

  describe('deadlines and cancellation', () => {
    it('sends the caller’s remaining budget as the call’s deadline, cut to the try timeout', async () => {
      const { client } = inventory(() => ({ stock }), { timeoutMs: 2_000 });

      await client.getInventory('1', { timeoutMs: 300 });

      expect(stub.calls[0]?.deadlineInMs).toBeGreaterThan(0);
      expect(stub.calls[0]?.deadlineInMs).toBeLessThanOrEqual(300);
    });

    it('ends a hanging call at its deadline as UPSTREAM_TIMEOUT, and the service sees it end', async () => {
      const { client } = inventory(() => 'hang', { retry: { retries: 0 } });

      await expect(client.getInventory('1', { timeoutMs: 100 })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      await stub.calls[0]?.cancelled;
    });

    it('cancels the call when the caller’s signal aborts, and says so', async () => {
      const { client } = inventory(() => 'hang');
      const controller = new AbortController();

      const pending = client.getInventory('1', { signal: controller.signal });
      await waitFor(() => stub.calls.length === 1);
      controller.abort();

      await expect(pending).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        extensions: { service: 'inventory', cancelled: true },
      });
      await stub.calls[0]?.cancelled;
    });

    it('fails at once, without a call, when the budget is already spent', async () => {
      const { client, resilience } = inventory(() => ({ stock }));

      await expect(client.getInventory('1', { timeoutMs: 0 })).rejects.toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
      expect(stub.calls).toHaveLength(0);
      expect(resilience.state().totals.calls).toBe(0);
    });
  });

  describe('circuit breaker', () => {
    const breaker = { minRequests: 2, failureRatio: 0.5 };

    it('opens on a failing service (UNAVAILABLE) and then answers without calling it', async () => {
      const { client, resilience } = inventory(() => ({ status: GrpcStatus.UNAVAILABLE }), {
        breaker,
        retry: { retries: 0 },
      });

      for (let i = 0; i < 2; i++) await client.getInventory('1').catch(() => undefined);
      await expect(client.getInventory('1')).rejects.toMatchObject({ extensions: { reason: 'circuit-open' } });

      expect(stub.calls).toHaveLength(2);
      expect(resilience.state().breaker).toBe('open');
    });

    it.each([GrpcStatus.NOT_FOUND, GrpcStatus.INVALID_ARGUMENT, GrpcStatus.PERMISSION_DENIED])(
      'stays closed on answers about the request (status %s)',
      async (status) => {
        const { client, resilience } = inventory(() => ({ status }), { breaker });

        for (let i = 0; i < 4; i++) await client.getInventory('1').catch(() => undefined);

        expect(stub.calls).toHaveLength(4);
        expect(resilience.state().breaker).toBe('closed');
      },
    );
  });

  it('sends the request context as metadata, by the same allowlist as HTTP headers', async () => {
    const { client } = inventory(() => ({ stock }));
    const context = new RequestContext({
      requestId: 'req-9',
      clientIp: '198.51.100.4',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01',
      acceptLanguage: 'it',
      subject: '7',
    });

    await RequestContext.run(context, () => client.getInventory('1'));

    expect(stub.calls[0]?.metadata).toMatchObject({
      'x-request-id': 'req-9',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01',
      'accept-language': 'it',
      'x-user-id': '7',
      'x-forwarded-for': '198.51.100.4',
    });
    expect(stub.calls[0]?.metadata).not.toHaveProperty('authorization');
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
