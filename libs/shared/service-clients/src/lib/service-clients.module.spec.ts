import { ConfigModule, TypedConfig } from '@bff/config';
import {
  DOWNSTREAM_SERVICE_NAMES,
  downstreamUrlVariable,
  type DownstreamService,
  type Inventory,
  type Page,
  type Product,
  type Review,
  type ReviewPage,
  type User,
} from '@bff/downstream-contracts';
import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { z } from 'zod';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { DownstreamStub, json } from '../test/downstream-stub';
import { GrpcInventoryStub } from '../test/grpc-inventory-stub';
import { InventoryClient } from './clients/inventory.client';
import { ProductClient } from './clients/product.client';
import { ReviewClient } from './clients/review.client';
import { UserClient } from './clients/user.client';
import { downstreamConfigShape, serviceClientsOptionsFrom } from './config/downstream-config.schema';
import { DownstreamHealth } from './resilience/downstream-health';
import { ServiceClientsModule } from './service-clients.module';
import { sampleProduct } from '../test/product.fixture';

const schema = z.object(downstreamConfigShape());
class AppConfig extends TypedConfig<z.output<typeof schema>> {}

const product = sampleProduct;
const review: Review = {
  id: 'r1',
  productId: '1',
  rating: 5,
  title: 'Great',
  body: 'Fits well.',
  author: 'Ada',
  createdAt: '2024-02-01T00:00:00.000Z',
};
const reviewPage: ReviewPage = {
  productId: '1',
  items: [review],
  nextCursor: 'next',
  summary: { count: 1, average: 5, histogram: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 } },
};
const inventory: Inventory = {
  productId: '1',
  warehouses: [{ warehouseId: 'w1', name: 'North', quantity: 3 }],
  totalQuantity: 3,
  updatedAt: '2024-03-01T00:00:00.000Z',
};
const user: User = {
  id: '7',
  name: 'Ada',
  email: 'ada@example.com',
  address: { line1: '1 Main St', city: 'Zurich', postalCode: '8000', country: 'CH' },
  createdAt: '2024-01-01T00:00:00.000Z',
};

describe('ServiceClientsModule', () => {
  const stubs = {} as Record<DownstreamService, DownstreamStub>;
  let inventoryGrpc: GrpcInventoryStub;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    await Promise.all(
      DOWNSTREAM_SERVICE_NAMES.map(async (service) => {
        stubs[service] = await DownstreamStub.start();
      }),
    );
    inventoryGrpc = await GrpcInventoryStub.start();
  });

  beforeEach(async () => {
    for (const stub of Object.values(stubs)) stub.reset((_req, res) => json(res, 500, {}));
    inventoryGrpc.reset(() => ({ status: GrpcStatus.INTERNAL }));
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          schema,
          token: AppConfig,
          env: {
            ...Object.fromEntries(
              DOWNSTREAM_SERVICE_NAMES.map((service) => [downstreamUrlVariable(service), stubs[service].url]),
            ),
            INVENTORY_GRPC_URL: inventoryGrpc.target,
            DOWNSTREAM_TIMEOUT_MS: '1000',
            DOWNSTREAM_RETRY_BASE_DELAY_MS: '1',
            DOWNSTREAM_RETRY_MAX_DELAY_MS: '2',
            REVIEW_SERVICE_RETRIES: '0',
            USER_SERVICE_BREAKER_MIN_REQUESTS: '2',
          },
        }),
        ServiceClientsModule.forRootAsync({ inject: [AppConfig], useFactory: serviceClientsOptionsFrom }),
      ],
    }).compile();
  });

  afterEach(async () => {
    await moduleRef.close();
  });

  afterAll(async () => {
    await Promise.all([...Object.values(stubs), inventoryGrpc].map((stub) => stub.stop()));
  });

  it('ProductClient.getProduct fetches one product from the product service', async () => {
    stubs.product.handle((_req, res) => json(res, 200, product));

    const result: Product = await moduleRef.get(ProductClient).getProduct('1');

    expect(result).toEqual(product);
    expect(stubs.product.requests[0]).toMatchObject({ method: 'GET', url: '/products/1' });
  });

  it('ProductClient.listProducts sends only the query values that are set', async () => {
    const page: Page<Product> = { items: [product], nextCursor: null };
    stubs.product.handle((_req, res) => json(res, 200, page));

    const result: Page<Product> = await moduleRef
      .get(ProductClient)
      .listProducts({ category: 'shoes', limit: 2 });

    expect(result).toEqual(page);
    expect(stubs.product.requests[0].url).toBe('/products?category=shoes&limit=2');
  });

  it('ReviewClient.listReviews fetches a page and the rating summary from the review service', async () => {
    stubs.review.handle((_req, res) => json(res, 200, reviewPage));

    const result: ReviewPage = await moduleRef
      .get(ReviewClient)
      .listReviews({ productId: '1', limit: 1, cursor: 'c 1' });

    expect(result).toEqual(reviewPage);
    expect(stubs.review.requests[0].url).toBe('/reviews?productId=1&limit=1&cursor=c+1');
  });

  it('ReviewClient.createReview posts exactly the review fields as JSON', async () => {
    stubs.review.handle((_req, res) => json(res, 201, review));
    const input = { productId: '1', rating: 5 as const, title: 'Great', body: 'Fits well.', author: 'Ada' };

    const result: Review = await moduleRef
      .get(ReviewClient)
      .createReview({ ...input, extra: 'dropped' } as typeof input);

    expect(result).toEqual(review);
    expect(stubs.review.requests[0]).toMatchObject({
      method: 'POST',
      url: '/reviews',
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
    });
    expect(JSON.parse(stubs.review.requests[0].body)).toEqual(input);
  });

  it('InventoryClient.getInventory fetches stock from the inventory service over gRPC', async () => {
    inventoryGrpc.reset(() => ({ stock: inventory }));

    const result: Inventory = await moduleRef.get(InventoryClient).getInventory('1');

    expect(result).toEqual(inventory);
    expect(inventoryGrpc.calls.map((call) => call.request)).toEqual([{ productId: '1' }]);
    expect(stubs.inventory.requests).toHaveLength(0);
  });

  it('UserClient.getUser fetches one user from the user service', async () => {
    stubs.user.handle((_req, res) => json(res, 200, user));

    const result: User = await moduleRef.get(UserClient).getUser('7');

    expect(result).toEqual(user);
    expect(stubs.user.requests[0].url).toBe('/users/7');
  });

  describe('UserClient.verifyCredentials', () => {
    const credentials = { email: 'ada@example.com', password: 'correct horse' };

    it('returns the user id when the credentials match', async () => {
      stubs.user.handle((_req, res) => json(res, 200, { userId: '7' }));

      await expect(moduleRef.get(UserClient).verifyCredentials(credentials)).resolves.toEqual({
        userId: '7',
      });
      expect(stubs.user.requests[0]).toMatchObject({ method: 'POST', url: '/credentials/verify' });
      expect(JSON.parse(stubs.user.requests[0].body)).toEqual(credentials);
    });

    it('returns null when the user service answers 401', async () => {
      stubs.user.handle((_req, res) => json(res, 401, { error: 'invalid credentials' }));

      await expect(moduleRef.get(UserClient).verifyCredentials(credentials)).resolves.toBeNull();
    });

    it.each([
      ['no body', ''],
      ['a plain-text body', 'Unauthorized'],
    ])('returns null for a 401 with %s', async (_case, body) => {
      stubs.user.handle((_req, res) => res.writeHead(401, { 'content-type': 'text/plain' }).end(body));

      await expect(moduleRef.get(UserClient).verifyCredentials(credentials)).resolves.toBeNull();
    });

    it.each([
      ['a 500', 500, {}],
      ['a 403', 403, {}],
      ['a success without a user id', 200, {}],
      ['a success with an empty user id', 200, { userId: '' }],
    ])('fails on %s instead of returning null', async (_case, status, body) => {
      stubs.user.handle((_req, res) => json(res, status, body));

      await expect(moduleRef.get(UserClient).verifyCredentials(credentials)).rejects.toMatchObject({
        code: 'UPSTREAM_BAD_RESPONSE',
        extensions: { service: 'user' },
      });
    });
  });

  it('names the failing service in every error', async () => {
    await expect(moduleRef.get(ProductClient).getProduct('1')).rejects.toMatchObject({
      extensions: { service: 'product' },
    });
    await expect(moduleRef.get(ReviewClient).listReviews({ productId: '1' })).rejects.toMatchObject({
      extensions: { service: 'review' },
    });
    await expect(moduleRef.get(InventoryClient).getInventory('1')).rejects.toMatchObject({
      extensions: { service: 'inventory' },
    });
    await expect(moduleRef.get(UserClient).getUser('1')).rejects.toMatchObject({
      extensions: { service: 'user' },
    });
  });

  it("applies each service's own policy from the config: retries for products, none for reviews", async () => {
    await moduleRef
      .get(ProductClient)
      .getProduct('1')
      .catch(() => undefined);
    await moduleRef
      .get(ReviewClient)
      .listReviews({ productId: '1' })
      .catch(() => undefined);

    expect(stubs.product.requests).toHaveLength(3);
    expect(stubs.review.requests).toHaveLength(1);
  });

  it("reports every service's breaker, bulkhead and retry budget through DownstreamHealth", async () => {
    const users = moduleRef.get(UserClient);
    for (let i = 0; i < 2; i++) await users.getUser('1').catch(() => undefined);
    await expect(users.getUser('1')).rejects.toMatchObject({ extensions: { reason: 'circuit-open' } });

    const states = moduleRef.get(DownstreamHealth).states();

    expect(Object.keys(states)).toEqual(['product', 'review', 'inventory', 'user', 'shipping']);
    expect(states.user).toEqual({
      breaker: 'open',
      inFlight: 0,
      queued: 0,
      // Two calls wanted two retries each; the default budget allows 3 in a quiet window.
      retryBudget: { calls: 2, retries: 3, available: 0 },
      totals: { calls: 2, retries: 3, retriesDenied: 1, shortCircuited: 1, rejected: 0, excusedTimeouts: 0 },
    });
    expect(states.product).toMatchObject({ breaker: 'closed', totals: { calls: 0, shortCircuited: 0 } });
  });

  it('closes its downstream connections when the app shuts down', async () => {
    stubs.product.handle((_req, res) => json(res, 200, product));
    await moduleRef.get(ProductClient).getProduct('1');

    await moduleRef.close();

    await stubs.product.requests[0].socketClosed;
  });

  it('can make the clients available to every module of the app', async () => {
    @Injectable()
    class CatalogService {
      constructor(readonly products: ProductClient) {}
    }
    @Module({ providers: [CatalogService] })
    class CatalogModule {}

    const app = await Test.createTestingModule({
      imports: [
        CatalogModule,
        ServiceClientsModule.forRoot(
          serviceClientsOptionsFrom(new AppConfig(schema.parse({ PRODUCT_SERVICE_URL: stubs.product.url }))),
          { global: true },
        ),
      ],
    }).compile();
    try {
      stubs.product.handle((_req, res) => json(res, 200, product));

      await expect(app.get(CatalogService).products.getProduct('1')).resolves.toEqual(product);
    } finally {
      await app.close();
    }
  });
});
