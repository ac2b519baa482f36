import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Page, Product } from '@bff/downstream-contracts';
import { startInProcessApp } from '@bff/testing';
import { AppModule } from '../app/app.module';

describe('product-service routes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    process.env['PORT'] = '0';
    app = await startInProcessApp(AppModule);
  });

  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

  describe('GET /products/:id', () => {
    it('returns the product', async () => {
      const response = await get('/products/42');
      expect(response.statusCode).toBe(200);
      const product = response.json<Product>();
      expect(product).toMatchObject({ id: '42', price: { currency: 'USD' } });
      expect(product.images).toHaveLength(4);
    });

    it.each(['0', '501', '01', 'abc'])('answers an unknown id %j with a 404 problem', async (id) => {
      const response = await get(`/products/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'NOT_FOUND', instance: `/products/${id}` });
    });

    it.each(['..%2Fadmin', 'a.b', 'x'.repeat(65)])('answers a malformed id %j with a 400 problem', async (id) => {
      const response = await get(`/products/${id}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_ID' });
    });
  });

  describe('GET /products', () => {
    it('lists 20 products by default, from the first', async () => {
      const page = (await get('/products')).json<Page<Product>>();
      expect(page.items.map((product) => product.id)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
      expect(page.nextCursor).toEqual(expect.any(String));
    });

    it('walks a category page by page, each product once, ending with a null cursor', async () => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query = `/products?category=kitchen&limit=25${cursor ? `&cursor=${cursor}` : ''}`;
        const page: Page<Product> = (await get(query)).json();
        expect(page.items.length).toBeLessThanOrEqual(25);
        for (const product of page.items) expect(product.category).toBe('kitchen');
        ids.push(...page.items.map((product) => product.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== null && pages < 20);
      expect(cursor).toBeNull();
      expect(ids.length).toBeGreaterThan(25);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('answers an unknown category with an empty page', async () => {
      expect((await get('/products?category=spaceships')).json()).toEqual({ items: [], nextCursor: null });
    });

    it.each(['limit=0', 'limit=51', 'limit=ten', 'cursor=bogus', 'category=a&category=b'])(
      'answers %s with a 400 INVALID_QUERY problem',
      async (query) => {
        const response = await get(`/products?${query}`);
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ code: 'INVALID_QUERY' });
      },
    );
  });

  describe('fault knobs', () => {
    it('apply to the product routes but not to /health', async () => {
      expect((await get('/products/1', { 'x-fault-status': '503' })).statusCode).toBe(503);
      expect((await get('/products', { 'x-fault-invalid-body': '1' })).body).not.toMatch(/}$/);
      expect((await get('/health', { 'x-fault-status': '503' })).statusCode).toBe(200);
      const stats = (await get('/__admin/stats')).json<{ byPath: Record<string, number> }>();
      expect(stats.byPath['/products/1']).toBeGreaterThan(0);
      expect(stats.byPath['/health']).toBeUndefined();
    });
  });
});
