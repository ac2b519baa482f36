import { loadConfig } from '@bff/config';
import { z } from 'zod';
import { listenConfigShape } from './listen-config.schema';

describe('listenConfigShape', () => {
  const schema = z.object(listenConfigShape(3000));

  it('defaults to loopback, text logs and no trusted proxies', () => {
    expect(loadConfig(schema, {})).toEqual({
      PORT: 3000,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'text',
      TRUSTED_PROXY_HOPS: 0,
      SHUTDOWN_DRAIN_MS: 10_000,
    });
  });

  it.each([
    ['PORT', '70000'],
    ['LOG_LEVEL', 'chatty'],
    ['LOG_FORMAT', 'xml'],
    ['TRUSTED_PROXY_HOPS', '-1'],
    ['TRUSTED_PROXY_HOPS', 'one'],
    ['SHUTDOWN_DRAIN_MS', '-1'],
    ['SHUTDOWN_DRAIN_MS', 'ten seconds'],
    ['SHUTDOWN_DRAIN_MS', '1.5'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig(schema, { [variable]: value })).toThrow(variable);
  });
});
