import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Inventory } from '@bff/downstream-contracts';
import { startInProcessApp } from '@bff/testing';
import { AppModule } from '../app/app.module';

describe('inventory-service routes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    process.env['PORT'] = '0';
    app = await startInProcessApp(AppModule);
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  it('returns a product\'s stock', async () => {
    const response = await get('/inventory/42');
    expect(response.statusCode).toBe(200);
    const stock = response.json<Inventory>();
    expect(stock.productId).toBe('42');
    expect(stock.totalQuantity).toBe(stock.warehouses.reduce((sum, warehouse) => sum + warehouse.quantity, 0));
  });

  it('reports sold-out products with zero everywhere', async () => {
    let soldOut: Inventory | undefined;
    for (let id = 1; id <= 500 && !soldOut; id++) {
      const stock = (await get(`/inventory/${id}`)).json<Inventory>();
      if (stock.totalQuantity === 0) soldOut = stock;
    }
    expect(soldOut?.warehouses.every((warehouse) => warehouse.quantity === 0)).toBe(true);
  });

  it.each(['0', '501', 'abc'])('answers unknown product %j with a 404 problem', async (id) => {
    const response = await get(`/inventory/${id}`);
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', instance: `/inventory/${id}` });
  });

  it('answers a malformed id with a 400 problem', async () => {
    const response = await get('/inventory/a.b');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_ID' });
  });

  it('applies the fault knobs to its routes', async () => {
    const started = performance.now();
    expect((await get('/inventory/1', { 'x-fault-latency-ms': '100', 'x-fault-status': '504' })).statusCode).toBe(504);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });
});
