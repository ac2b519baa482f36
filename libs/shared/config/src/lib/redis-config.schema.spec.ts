import { z } from 'zod';
import { loadConfig } from './load-config';
import { redisConfigShape, refineRedisConfig } from './redis-config.schema';

const schema = z
  .object({ NODE_ENV: z.enum(['development', 'test', 'production']).default('development'), ...redisConfigShape() })
  .superRefine(refineRedisConfig);

describe('Redis configuration', () => {
  it('accepts rediss:// and lower-cases the scheme, so no client mistakes it for plaintext', () => {
    expect(loadConfig(schema, { REDIS_URL: 'REDISS://cache.internal:6380/2' }).REDIS_URL).toBe('rediss://cache.internal:6380/2');
  });

  it('treats an empty REDIS_URL as unset', () => {
    expect(loadConfig(schema, { REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('refuses plaintext redis:// to another host in production, naming the variable but not its value', () => {
    const url = 'redis://:s3cret-password@cache.internal:6379';
    let message = '';
    try {
      loadConfig(schema, { NODE_ENV: 'production', REDIS_URL: url });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/REDIS_URL: .*rediss:\/\/.*REDIS_ALLOW_PLAINTEXT=true/);
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('cache.internal');
  });

  it.each([
    ['rediss:// in production', { NODE_ENV: 'production', REDIS_URL: 'rediss://cache.internal:6380' }],
    ['redis:// to loopback in production', { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' }],
    ['redis:// to localhost in production', { NODE_ENV: 'production', REDIS_URL: 'redis://localhost:6379/1' }],
    ['redis:// to [::1] in production', { NODE_ENV: 'production', REDIS_URL: 'redis://[::1]:6379' }],
    ['redis:// explicitly allowed', { NODE_ENV: 'production', REDIS_URL: 'redis://cache.internal:6379', REDIS_ALLOW_PLAINTEXT: 'true' }],
    ['redis:// outside production', { NODE_ENV: 'development', REDIS_URL: 'redis://cache.internal:6379' }],
    ['no Redis', { NODE_ENV: 'production' }],
  ])('accepts %s', (_case, env) => {
    expect(() => loadConfig(schema, env)).not.toThrow();
  });

  it('does not take 127.0.0.1 inside a longer host name for loopback', () => {
    expect(() => loadConfig(schema, { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1.evil.example:6379' })).toThrow(/REDIS_URL/);
  });
});
