import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Metadata, type ServiceError, credentials, status } from '@grpc/grpc-js';
import { FAULT_RANDOM, GRPC_STATUS_FOR_HTTP } from '@bff/demo-kit';
import {
  type FaultSpec,
  type HealthCheckResponse,
  type HealthClient,
  type Inventory,
  type InventoryServiceClient,
  healthV1,
  inventoryV1,
} from '@bff/downstream-contracts';
import { startInProcessApp } from '@bff/testing';
import { AppModule } from '../app/app.module';
import { GET_STOCK_PATH } from './inventory.grpc-methods';
import { InventoryGrpcServer } from './inventory.grpc-server';

interface CallOptions {
  metadata?: Record<string, string>;
  deadlineMs?: number;
}

interface Outcome {
  code: status;
  details?: string;
  stock?: Inventory;
  elapsedMs: number;
}

/** The app on a free gRPC port, with clients of both gRPC services and a scripted error-rate roll. */
async function startServer(rolls: number[] = []) {
  process.env['PORT'] = '0';
  process.env['GRPC_PORT'] = '0';
  const app = await startInProcessApp(AppModule, (builder) =>
    builder.overrideProvider(FAULT_RANDOM).useValue(() => rolls.shift() ?? 0.99),
  );
  const target = `127.0.0.1:${app.get(InventoryGrpcServer).port}`;
  const inventory: InventoryServiceClient = new (inventoryV1().inventory.v1.InventoryService)(target, credentials.createInsecure());
  const health: HealthClient = new (healthV1().grpc.health.v1.Health)(target, credentials.createInsecure());
  return { app, inventory, health };
}

function getStock(client: InventoryServiceClient, productId: string, options: CallOptions = {}): Promise<Outcome> {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
  const deadline = options.deadlineMs === undefined ? undefined : Date.now() + options.deadlineMs;
  const started = performance.now();
  return new Promise((resolve) => {
    client.GetStock({ productId }, metadata, { deadline }, (error: ServiceError | null, stock?: Inventory) => {
      const elapsedMs = performance.now() - started;
      resolve(error ? { code: error.code, details: error.details, elapsedMs } : { code: status.OK, stock, elapsedMs });
    });
  });
}

function check(client: HealthClient, service: string): Promise<{ code: status; status?: string }> {
  return new Promise((resolve) => {
    client.Check({ service }, (error: ServiceError | null, response?: HealthCheckResponse) =>
      resolve(error ? { code: error.code } : { code: status.OK, status: response?.status as string }),
    );
  });
}

async function eventually(condition: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('inventory-service over gRPC', () => {
  const rolls: number[] = [];
  let app: NestFastifyApplication;
  let inventory: InventoryServiceClient;
  let health: HealthClient;

  beforeAll(async () => {
    ({ app, inventory, health } = await startServer(rolls));
  });

  afterAll(async () => {
    inventory.close();
    health.close();
    await app.close();
  });

  beforeEach(async () => {
    rolls.length = 0;
    await app.inject({ method: 'DELETE', url: '/__admin/faults' });
    await app.inject({ method: 'DELETE', url: '/__admin/stats' });
  });

  const setFaults = async (spec: FaultSpec) => {
    expect((await app.inject({ method: 'PUT', url: '/__admin/faults', payload: spec })).statusCode).toBeLessThan(300);
  };
  const httpStatus = async (url = '/inventory/1') => (await app.inject({ method: 'GET', url })).statusCode;
  const stats = async () => (await app.inject({ method: 'GET', url: '/__admin/stats' })).json<{ requests: number; aborted: number; byPath: Record<string, number> }>();

  describe('GetStock', () => {
    it('answers the same stock as GET /inventory/:productId', async () => {
      const outcome = await getStock(inventory, '42');
      expect(outcome.code).toBe(status.OK);
      expect(outcome.stock).toEqual((await app.inject({ method: 'GET', url: '/inventory/42' })).json<Inventory>());
      expect(outcome.stock?.productId).toBe('42');
      expect(outcome.stock?.totalQuantity).toBe(outcome.stock?.warehouses.reduce((sum, warehouse) => sum + warehouse.quantity, 0));
    });

    it.each(['0', '501', 'abc'])('answers unknown product %j with NOT_FOUND', async (id) => {
      expect((await getStock(inventory, id)).code).toBe(status.NOT_FOUND);
    });

    it.each(['a.b', '', '../1', 'x'.repeat(65)])('answers malformed id %j with INVALID_ARGUMENT, as the HTTP route answers 400', async (id) => {
      expect((await getStock(inventory, id)).code).toBe(status.INVALID_ARGUMENT);
    });
  });

  describe('health', () => {
    it.each(['', 'inventory.v1.InventoryService'])('reports service %j SERVING', async (service) => {
      expect(await check(health, service)).toEqual({ code: status.OK, status: 'SERVING' });
    });

    it('answers an unknown service with NOT_FOUND, as the protocol asks', async () => {
      expect((await check(health, 'review.v1.ReviewService')).code).toBe(status.NOT_FOUND);
    });

    it('keeps a watch open after writing the current status, until the client cancels', async () => {
      const watch = health.Watch({ service: '' });
      const first = await new Promise<HealthCheckResponse>((resolve) => watch.once('data', resolve));
      expect(first.status).toBe('SERVING');
      const ended = new Promise<status>((resolve) => watch.once('error', (error: ServiceError) => resolve(error.code)));
      watch.cancel();
      expect(await ended).toBe(status.CANCELLED);
    });

    it('is never faulted nor counted', async () => {
      await setFaults({ status: 503, hang: true });
      expect(await check(health, '')).toEqual({ code: status.OK, status: 'SERVING' });
      expect((await stats()).requests).toBe(0);
    });
  });

  describe('fault knobs', () => {
    // Every row of the demo kit's table, and two statuses it does not list, through the real server.
    it.each([
      ...Object.entries(GRPC_STATUS_FOR_HTTP).map(([httpCode, code]) => [Number(httpCode), code]),
      [418, status.UNKNOWN],
      [502, status.UNKNOWN],
    ])('ends a call faulted with status %i with gRPC code %i', async (httpCode, code) => {
      await setFaults({ status: httpCode, times: 1 });
      expect((await getStock(inventory, '1')).code).toBe(code);
      expect((await getStock(inventory, '1')).code).toBe(status.OK);
    });

    it('takes the fault knobs from x-fault-* metadata for one call', async () => {
      expect((await getStock(inventory, '1', { metadata: { 'x-fault-status': '503' } })).code).toBe(status.UNAVAILABLE);
      expect((await getStock(inventory, '1', { metadata: { 'x-fault-grpc-status': '10' } })).code).toBe(status.ABORTED);
      expect((await getStock(inventory, '1')).code).toBe(status.OK);
    });

    it('answers malformed x-fault-* metadata with INVALID_ARGUMENT', async () => {
      const outcome = await getStock(inventory, '1', { metadata: { 'x-fault-status': 'soon' } });
      expect(outcome.code).toBe(status.INVALID_ARGUMENT);
      expect(outcome.details).toContain('x-fault-status');
    });

    it('ends gRPC calls with grpcStatus, which wins over status, while HTTP ignores it', async () => {
      await setFaults({ grpcStatus: status.RESOURCE_EXHAUSTED, status: 500 });
      expect((await getStock(inventory, '1')).code).toBe(status.RESOURCE_EXHAUSTED);
      await setFaults({ grpcStatus: status.DATA_LOSS });
      expect((await getStock(inventory, '1')).code).toBe(status.DATA_LOSS);
      expect(await httpStatus()).toBe(200);
    });

    it('answers after latencyMs', async () => {
      await setFaults({ latencyMs: 150 });
      const outcome = await getStock(inventory, '1');
      expect(outcome.code).toBe(status.OK);
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(140);
    });

    it('stops waiting out latency when the deadline passes, counting the call as aborted', async () => {
      await setFaults({ latencyMs: 60_000 });
      const outcome = await getStock(inventory, '1', { deadlineMs: 150 });
      expect(outcome.code).toBe(status.DEADLINE_EXCEEDED);
      expect(outcome.elapsedMs).toBeLessThan(5_000);
      await eventually(async () => (await stats()).aborted === 1);
    });

    it('never answers a hanging call, which the client ends by its deadline', async () => {
      await setFaults({ hang: true });
      const outcome = await getStock(inventory, '1', { deadlineMs: 200 });
      expect(outcome.code).toBe(status.DEADLINE_EXCEEDED);
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(190);
      expect(outcome.elapsedMs).toBeLessThan(5_000);
    });

    it('fails the calls the error-rate roll picks, with INTERNAL unless a status is set', async () => {
      await setFaults({ errorRate: 0.5 });
      rolls.push(0.1, 0.9, 0.2);
      expect((await getStock(inventory, '1')).code).toBe(status.INTERNAL);
      expect((await getStock(inventory, '1')).code).toBe(status.OK);
      await setFaults({ errorRate: 0.5, grpcStatus: status.UNAVAILABLE });
      expect((await getStock(inventory, '1')).code).toBe(status.UNAVAILABLE);
    });

    it('ends a reset call with UNAVAILABLE "connection reset"', async () => {
      await setFaults({ reset: true });
      expect(await getStock(inventory, '1')).toMatchObject({ code: status.UNAVAILABLE, details: 'connection reset' });
    });

    it('answers invalidBody with the stock of another product than the one asked for', async () => {
      await setFaults({ invalidBody: true });
      const outcome = await getStock(inventory, '7');
      expect(outcome.code).toBe(status.OK);
      expect(outcome.stock?.productId).not.toBe('7');
    });

    it('matches a fault path against the gRPC method path, apart from the HTTP routes', async () => {
      await setFaults({ status: 503, path: '/inventory.v1' });
      expect((await getStock(inventory, '1')).code).toBe(status.UNAVAILABLE);
      expect(await httpStatus()).toBe(200);

      await setFaults({ status: 503, path: '/inventory/' });
      expect((await getStock(inventory, '1')).code).toBe(status.OK);
      expect(await httpStatus()).toBe(503);

      await setFaults({ status: 503 });
      expect((await getStock(inventory, '1')).code).toBe(status.UNAVAILABLE);
      expect(await httpStatus()).toBe(503);
    });
  });

  describe('admin API', () => {
    it('counts gRPC calls by method path and logs them as POSTs with their metadata', async () => {
      await getStock(inventory, '3', { metadata: { 'x-request-id': 'grpc-call-1', 'X-Trace-Tag': 'Blue' } });
      expect((await stats()).byPath).toEqual({ [GET_STOCK_PATH]: 1 });
      const [last] = (await app.inject({ method: 'GET', url: '/__admin/requests?limit=1' })).json<
        { method: string; path: string; headers: Record<string, string> }[]
      >();
      expect(last).toMatchObject({
        method: 'POST',
        path: GET_STOCK_PATH,
        headers: { 'x-request-id': 'grpc-call-1', 'x-trace-tag': 'Blue' },
      });
      for (const value of Object.values(last?.headers ?? {})) expect(typeof value).toBe('string');
    });
  });
});

describe('inventory-service gRPC shutdown', () => {
  it('ends hanging calls and health watches when the app closes', async () => {
    const { app, inventory, health } = await startServer();
    try {
      const hanging = getStock(inventory, '1', { metadata: { 'x-fault-hang': 'true' } });
      const watch = health.Watch({ service: 'inventory.v1.InventoryService' });
      const statuses: string[] = [];
      watch.on('data', (response: HealthCheckResponse) => statuses.push(response.status as string));
      const watchEnded = new Promise<void>((resolve) => {
        watch.once('end', resolve);
        watch.once('error', () => resolve());
      });
      await eventually(async () => statuses.length === 1);
      await eventually(async () => (await app.inject({ method: 'GET', url: '/__admin/stats' })).json<{ requests: number }>().requests === 1);

      const started = performance.now();
      await app.close();

      expect(performance.now() - started).toBeLessThan(1_500);
      expect((await hanging).code).toBe(status.UNAVAILABLE);
      await watchEnded;
      expect(statuses).toEqual(['SERVING', 'NOT_SERVING']);
    } finally {
      inventory.close();
      health.close();
    }
  });

  it('stops listening once the app has closed', async () => {
    const { app, inventory, health } = await startServer();
    try {
      await app.close();
      expect((await getStock(inventory, '1', { deadlineMs: 2_000 })).code).toBe(status.UNAVAILABLE);
    } finally {
      inventory.close();
      health.close();
    }
  });
});
