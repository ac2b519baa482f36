import { loadConfig } from '@bff/config';
import { z } from 'zod';
import { parseTierSpec, rateLimitTier, throttlingConfigShape } from './throttling-config.schema';

const schema = z.object({
  ...throttlingConfigShape(),
  RATE_LIMIT_DEFAULT: rateLimitTier('burst=20/1s, minute=600/1m'),
  RATE_LIMIT_LOGIN: rateLimitTier('login=5/1m'),
});

describe('throttling configuration', () => {
  it('defaults to no Redis and the tiers the app declares', () => {
    expect(loadConfig(schema, {})).toEqual({
      RATE_LIMIT_DEFAULT: [
        { name: 'burst', limit: 20, windowSeconds: 1 },
        { name: 'minute', limit: 600, windowSeconds: 60 },
      ],
      RATE_LIMIT_LOGIN: [{ name: 'login', limit: 5, windowSeconds: 60 }],
    });
  });

  it('reads a Redis URL and a tier override from the environment', () => {
    const config = loadConfig(schema, {
      REDIS_URL: 'rediss://:secret@redis.internal:6380/2',
      RATE_LIMIT_LOGIN: 'login=10/1m,hourly=50/1h',
    });
    expect(config.REDIS_URL).toBe('rediss://:secret@redis.internal:6380/2');
    expect(config.RATE_LIMIT_LOGIN).toEqual([
      { name: 'login', limit: 10, windowSeconds: 60 },
      { name: 'hourly', limit: 50, windowSeconds: 3_600 },
    ]);
  });

  it('treats an empty REDIS_URL as unset', () => {
    expect(loadConfig(schema, { REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it.each([
    ['REDIS_URL', 'http://redis:6379'],
    ['RATE_LIMIT_DEFAULT', '600 per minute'],
  ])('rejects %s=%j at start-up', (name, value) => {
    expect(() => loadConfig(schema, { [name]: value })).toThrow(name);
  });

  it.each([
    ['', 'expected'],
    ['burst=20/1s,', 'expected'],
    ['burst=20/1d', 'expected'],
    ['burst=0/1s', 'above zero'],
    ['burst=20/0s', 'above zero'],
    ['b"urst=20/1s', 'policy names'],
    ['burst=20/1s, burst=30/1m', 'twice'],
  ])('explains why the tier %j is invalid', (spec, reason) => {
    expect(parseTierSpec(spec)).toEqual(expect.stringContaining(reason));
  });
});
