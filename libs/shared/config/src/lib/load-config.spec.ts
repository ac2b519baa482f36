import { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';
import { flag, httpUrl, port } from './config.schemas';
import { loadConfig } from './load-config';

const schema = z.object({
  PORT: port(3000),
  PRODUCT_SERVICE_URL: httpUrl('http://127.0.0.1:4001'),
  VERBOSE: flag(false),
  API_SECRET: z.string().min(32).optional(),
});

describe('loadConfig', () => {
  it('applies defaults and coerces strings', () => {
    expect(loadConfig(schema, { PORT: '8080' })).toEqual({
      PORT: 8080,
      PRODUCT_SERVICE_URL: 'http://127.0.0.1:4001',
      VERBOSE: false,
    });
  });

  it('strips a trailing slash from URLs', () => {
    expect(loadConfig(schema, { PRODUCT_SERVICE_URL: 'http://svc:1/' }).PRODUCT_SERVICE_URL).toBe('http://svc:1');
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig(schema, { PORT: 'eighty', PRODUCT_SERVICE_URL: 'ftp://x' })).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/PORT[\s\S]*PRODUCT_SERVICE_URL|PRODUCT_SERVICE_URL[\s\S]*PORT/),
      }),
    );
  });

  it('rejects a typo in a boolean instead of reading it as false', () => {
    expect(() => loadConfig(schema, { VERBOSE: 'yes' })).toThrow(ConfigValidationError);
  });

  it('never echoes the offending value, so secrets stay out of logs', () => {
    const secret = 'too-short-but-still-secret';
    try {
      loadConfig(schema, { API_SECRET: secret });
      throw new Error('expected a ConfigValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      expect((error as Error).message).toContain('API_SECRET');
      expect((error as Error).message).not.toContain(secret);
    }
  });
});
