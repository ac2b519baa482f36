import { ConfigValidationError, TypedConfig, loadConfig, port } from '@bff/config';
import { z } from 'zod';
import { downstreamConfigShape, serviceClientsOptionsFrom } from './downstream-config.schema';

const appSchema = z.object({ PORT: port(3000), ...downstreamConfigShape() });
class AppConfig extends TypedConfig<z.output<typeof appSchema>> {}

describe('downstreamConfigShape', () => {
  it('defaults to the demo services on loopback', () => {
    const config = loadConfig(appSchema, {});

    expect(config).toEqual({
      PORT: 3000,
      PRODUCT_SERVICE_URL: 'http://127.0.0.1:4001',
      REVIEW_SERVICE_URL: 'http://127.0.0.1:4002',
      INVENTORY_SERVICE_URL: 'http://127.0.0.1:4003',
      USER_SERVICE_URL: 'http://127.0.0.1:4004',
      DOWNSTREAM_TIMEOUT_MS: 2000,
      DOWNSTREAM_MAX_CONNECTIONS: 64,
      DOWNSTREAM_MAX_RESPONSE_BYTES: 1_048_576,
    });
  });

  it('reads overrides and drops a trailing slash from URLs', () => {
    const config = loadConfig(appSchema, {
      REVIEW_SERVICE_URL: 'https://reviews.internal:8443/api/',
      DOWNSTREAM_TIMEOUT_MS: '750',
      DOWNSTREAM_MAX_CONNECTIONS: '8',
      DOWNSTREAM_MAX_RESPONSE_BYTES: '65536',
    });

    expect(config).toMatchObject({
      REVIEW_SERVICE_URL: 'https://reviews.internal:8443/api',
      DOWNSTREAM_TIMEOUT_MS: 750,
      DOWNSTREAM_MAX_CONNECTIONS: 8,
      DOWNSTREAM_MAX_RESPONSE_BYTES: 65_536,
    });
  });

  it.each([
    ['PRODUCT_SERVICE_URL', 'ftp://products'],
    ['USER_SERVICE_URL', 'not a url'],
    ['DOWNSTREAM_TIMEOUT_MS', '0'],
    ['DOWNSTREAM_MAX_CONNECTIONS', '0'],
    ['DOWNSTREAM_MAX_RESPONSE_BYTES', 'lots'],
  ])('rejects %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig(appSchema, { [name]: value })).toThrow(ConfigValidationError);
    expect(() => loadConfig(appSchema, { [name]: value })).toThrow(name);
  });
});

describe('serviceClientsOptionsFrom', () => {
  it("builds each service's options from an app's typed config", () => {
    const config = new AppConfig(
      loadConfig(appSchema, { INVENTORY_SERVICE_URL: 'http://stock:9000', DOWNSTREAM_TIMEOUT_MS: '900' }),
    );

    const options = serviceClientsOptionsFrom(config);

    expect(options.inventory).toEqual({
      baseUrl: 'http://stock:9000',
      timeoutMs: 900,
      maxConnections: 64,
      maxResponseBytes: 1_048_576,
    });
    expect(Object.keys(options)).toEqual(['product', 'review', 'inventory', 'user']);
    expect(options.user.baseUrl).toBe('http://127.0.0.1:4004');
  });
});
