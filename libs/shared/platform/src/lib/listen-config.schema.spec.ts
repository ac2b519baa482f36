import { loadConfig } from '@bff/config';
import { z } from 'zod';
import { listenConfigShape } from './listen-config.schema';

describe('listenConfigShape', () => {
  const schema = z.object(listenConfigShape(3000));

  it('defaults to loopback, text logs, bounded connections and no trusted proxies', () => {
    expect(loadConfig(schema, {})).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'text',
      SHUTDOWN_DRAIN_MS: 10_000,
      HTTP_HEADERS_TIMEOUT_MS: 10_000,
      HTTP_REQUEST_TIMEOUT_MS: 30_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 72_000,
      HTTP_MAX_CONNECTIONS: 10_000,
      TRUSTED_PROXIES: [],
    });
  });

  it('reads TRUSTED_PROXIES as a list of addresses and CIDR ranges', () => {
    const config = loadConfig(schema, { TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7,2001:db8::/32 ::ffff:10.0.0.0/104' });
    expect(config.TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32', '::ffff:10.0.0.0/104']);
  });

  it.each([
    ['PORT', '70000'],
    ['LOG_LEVEL', 'chatty'],
    ['LOG_FORMAT', 'xml'],
    ['SHUTDOWN_DRAIN_MS', '-1'],
    ['SHUTDOWN_DRAIN_MS', 'ten seconds'],
    ['SHUTDOWN_DRAIN_MS', '1.5'],
    ['HTTP_HEADERS_TIMEOUT_MS', '0'],
    ['HTTP_REQUEST_TIMEOUT_MS', 'forever'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '-5'],
    ['HTTP_MAX_CONNECTIONS', '0'],
    ['TRUSTED_PROXIES', '10.0.0.0/33'],
    ['TRUSTED_PROXIES', '10.0.0.0/8, lb.internal'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig(schema, { [variable]: value })).toThrow(variable);
  });

  it('refuses the former TRUSTED_PROXY_HOPS, pointing to TRUSTED_PROXIES', () => {
    expect(() => loadConfig(schema, { TRUSTED_PROXY_HOPS: '1' })).toThrow(/TRUSTED_PROXY_HOPS.*TRUSTED_PROXIES/s);
  });
});
