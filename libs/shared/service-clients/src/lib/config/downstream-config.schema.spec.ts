import { ConfigValidationError, TypedConfig, loadConfig, port } from '@bff/config';
import { z } from 'zod';
import { downstreamConfigShape, serviceClientsOptionsFrom } from './downstream-config.schema';

const appSchema = z.object({ PORT: port(3000), ...downstreamConfigShape() });
class AppConfig extends TypedConfig<z.output<typeof appSchema>> {}

describe('downstreamConfigShape', () => {
  it('defaults to the demo services on loopback and the documented policy', () => {
    const config = loadConfig(appSchema, {});

    expect(config).toEqual({
      PORT: 3000,
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      AMQP_QUEUE_PREFIX: 'bff.',
      SHIPPING_SERVICE_URL: 'http://127.0.0.1:4005',
      PRODUCT_SERVICE_URL: 'http://127.0.0.1:4001',
      REVIEW_SERVICE_URL: 'http://127.0.0.1:4002',
      INVENTORY_SERVICE_URL: 'http://127.0.0.1:4003',
      INVENTORY_GRPC_URL: '127.0.0.1:5003',
      USER_SERVICE_URL: 'http://127.0.0.1:4004',
      DOWNSTREAM_TIMEOUT_MS: 2000,
      DOWNSTREAM_CALL_TIMEOUT_MS: 5000,
      DOWNSTREAM_MAX_CONNECTIONS: 64,
      DOWNSTREAM_MAX_RESPONSE_BYTES: 1_048_576,
      DOWNSTREAM_RETRIES: 2,
      DOWNSTREAM_RETRY_BASE_DELAY_MS: 25,
      DOWNSTREAM_RETRY_MAX_DELAY_MS: 250,
      DOWNSTREAM_RETRY_AFTER_MAX_MS: 1000,
      DOWNSTREAM_RETRY_BUDGET_PERCENT: 20,
      DOWNSTREAM_RETRY_BUDGET_MIN_RETRIES: 3,
      DOWNSTREAM_RETRY_BUDGET_WINDOW_MS: 10_000,
      DOWNSTREAM_BREAKER_FAILURE_RATIO: 0.5,
      DOWNSTREAM_BREAKER_MIN_REQUESTS: 20,
      DOWNSTREAM_BREAKER_WINDOW_MS: 10_000,
      DOWNSTREAM_BREAKER_COOLDOWN_MS: 5000,
      DOWNSTREAM_MAX_CONCURRENCY: 128,
      DOWNSTREAM_MAX_QUEUE: 64,
    });
  });

  it('reads overrides and drops a trailing slash from URLs', () => {
    const config = loadConfig(appSchema, {
      REVIEW_SERVICE_URL: 'https://reviews.internal:8443/api/',
      DOWNSTREAM_TIMEOUT_MS: '750',
      DOWNSTREAM_MAX_CONNECTIONS: '8',
      DOWNSTREAM_MAX_RESPONSE_BYTES: '65536',
      DOWNSTREAM_BREAKER_FAILURE_RATIO: '0.25',
      DOWNSTREAM_RETRY_BUDGET_PERCENT: '12.5',
      REVIEW_SERVICE_TIMEOUT_MS: '300',
    });

    expect(config).toMatchObject({
      REVIEW_SERVICE_URL: 'https://reviews.internal:8443/api',
      DOWNSTREAM_TIMEOUT_MS: 750,
      DOWNSTREAM_MAX_CONNECTIONS: 8,
      DOWNSTREAM_MAX_RESPONSE_BYTES: 65_536,
      DOWNSTREAM_BREAKER_FAILURE_RATIO: 0.25,
      DOWNSTREAM_RETRY_BUDGET_PERCENT: 12.5,
      REVIEW_SERVICE_TIMEOUT_MS: 300,
    });
  });

  it.each([
    ['PRODUCT_SERVICE_URL', 'ftp://products'],
    ['INVENTORY_GRPC_URL', 'http://127.0.0.1:5003'],
    ['INVENTORY_GRPC_URL', '127.0.0.1'],
    ['USER_SERVICE_URL', 'not a url'],
    ['DOWNSTREAM_TIMEOUT_MS', '0'],
    ['DOWNSTREAM_TIMEOUT_MS', '1.5'],
    ['DOWNSTREAM_CALL_TIMEOUT_MS', 'soon'],
    ['DOWNSTREAM_MAX_CONNECTIONS', '0'],
    ['DOWNSTREAM_MAX_RESPONSE_BYTES', 'lots'],
    ['DOWNSTREAM_RETRIES', '-1'],
    ['DOWNSTREAM_RETRIES', '50'],
    ['DOWNSTREAM_RETRY_BUDGET_PERCENT', '101'],
    ['DOWNSTREAM_RETRY_BUDGET_WINDOW_MS', '10'],
    ['DOWNSTREAM_BREAKER_FAILURE_RATIO', '1'],
    ['DOWNSTREAM_BREAKER_FAILURE_RATIO', '0'],
    ['DOWNSTREAM_BREAKER_MIN_REQUESTS', '0'],
    ['DOWNSTREAM_BREAKER_COOLDOWN_MS', ''],
    ['DOWNSTREAM_MAX_CONCURRENCY', '0'],
    ['DOWNSTREAM_MAX_QUEUE', '-1'],
    ['REVIEW_SERVICE_TIMEOUT_MS', '0'],
    ['USER_SERVICE_BREAKER_FAILURE_RATIO', '2'],
    ['INVENTORY_SERVICE_MAX_CONCURRENCY', 'many'],
  ])('rejects %s=%j, naming the variable', (name, value) => {
    expect(() => loadConfig(appSchema, { [name]: value })).toThrow(ConfigValidationError);
    expect(() => loadConfig(appSchema, { [name]: value })).toThrow(name);
  });
});

describe('serviceClientsOptionsFrom', () => {
  it("builds each service's options from an app's typed config", () => {
    const config = new AppConfig(
      loadConfig(appSchema, {
        INVENTORY_SERVICE_URL: 'http://stock:9000',
        INVENTORY_GRPC_URL: 'stock:9001',
        DOWNSTREAM_TIMEOUT_MS: '900',
      }),
    );

    const options = serviceClientsOptionsFrom(config);

    expect(options.inventory).toEqual({
      baseUrl: 'http://stock:9000',
      grpcTarget: 'stock:9001',
      timeoutMs: 900,
      callTimeoutMs: 5000,
      maxConnections: 64,
      maxResponseBytes: 1_048_576,
      retry: {
        retries: 2,
        baseDelayMs: 25,
        maxDelayMs: 250,
        maxRetryAfterMs: 1000,
        budgetPercent: 20,
        budgetMinRetries: 3,
        budgetWindowMs: 10_000,
      },
      breaker: { failureRatio: 0.5, minRequests: 20, windowMs: 10_000, cooldownMs: 5000 },
      bulkhead: { maxConcurrency: 128, maxQueue: 64 },
    });
    expect(Object.keys(options)).toEqual(['product', 'review', 'inventory', 'user', 'shipping']);
    expect(options.user.baseUrl).toBe('http://127.0.0.1:4004');
    // Only a service with a gRPC server has a target, and only one reached over AMQP a queue.
    expect(options.user).not.toHaveProperty('grpcTarget');
    expect(options.user).not.toHaveProperty('amqp');
  });

  it('gives a service reached over AMQP its broker and its request queue under AMQP_QUEUE_PREFIX', () => {
    const config = new AppConfig(
      loadConfig(appSchema, { AMQP_URL: 'amqps://bff:secret@mq.internal:5671/shop', AMQP_QUEUE_PREFIX: 'eu1.' }),
    );

    expect(serviceClientsOptionsFrom(config).shipping.amqp).toEqual({
      url: 'amqps://bff:secret@mq.internal:5671/shop',
      requestQueue: 'eu1.shipping.v1.estimate',
    });
  });

  it.each([
    ['AMQP_URL', 'http://mq.internal:5672'],
    ['AMQP_QUEUE_PREFIX', 'has spaces'],
    ['AMQP_QUEUE_PREFIX', 'x'.repeat(65)],
  ])('refuses %s=%s at start-up, naming the variable', (variable, value) => {
    expect(() => loadConfig(appSchema, { [variable]: value })).toThrow(variable);
  });

  it('gives a per-service variable precedence over the DOWNSTREAM_* default, for that service only', () => {
    const config = new AppConfig(
      loadConfig(appSchema, {
        DOWNSTREAM_TIMEOUT_MS: '900',
        DOWNSTREAM_MAX_CONCURRENCY: '50',
        REVIEW_SERVICE_TIMEOUT_MS: '300',
        REVIEW_SERVICE_MAX_CONCURRENCY: '4',
        REVIEW_SERVICE_RETRIES: '0',
        USER_SERVICE_BREAKER_COOLDOWN_MS: '250',
      }),
    );

    const options = serviceClientsOptionsFrom(config);

    expect(options.review).toMatchObject({
      timeoutMs: 300,
      retry: { retries: 0 },
      bulkhead: { maxConcurrency: 4 },
    });
    expect(options.product).toMatchObject({
      timeoutMs: 900,
      retry: { retries: 2 },
      bulkhead: { maxConcurrency: 50 },
    });
    expect(options.user.breaker.cooldownMs).toBe(250);
    expect(options.inventory.breaker.cooldownMs).toBe(5000);
  });
});
