import { z } from 'zod';
import { loadConfig } from '@bff/config';
import { accessLogConfigShape } from './access-log-config.schema';

describe('accessLogConfigShape', () => {
  const schema = z.object(accessLogConfigShape());

  it('leaves LOG_SUBJECT_SECRET unset by default: the subject hash is a plain SHA-256', () => {
    expect(loadConfig(schema, {}).LOG_SUBJECT_SECRET).toBeUndefined();
  });

  it('refuses a short LOG_SUBJECT_SECRET without printing it', () => {
    expect(() => loadConfig(schema, { LOG_SUBJECT_SECRET: 'short-secret' })).toThrow(/LOG_SUBJECT_SECRET/);
    expect(() => loadConfig(schema, { LOG_SUBJECT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
