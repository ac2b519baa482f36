import { TypedConfig, loadConfig } from '@bff/config';
import { z } from 'zod';
import { admissionConfigShape, refineAdmissionConfig } from './admission-config.schema';
import { admissionOptionsFrom } from './admission.options';

const schema = z.object(admissionConfigShape()).superRefine(refineAdmissionConfig);

describe('admission configuration', () => {
  it('has defaults that suit the demo', () => {
    expect(loadConfig(schema, {})).toEqual({
      ADMISSION_ENABLED: true,
      ADMISSION_INITIAL_LIMIT: 64,
      ADMISSION_MIN_LIMIT: 4,
      ADMISSION_MAX_LIMIT: 128,
      ADMISSION_TARGET_DELAY_MS: 5,
      ADMISSION_MAX_QUEUE: 1_000,
      ADMISSION_DEFAULT_BUDGET_MS: 1_000,
      ADMISSION_RETRY_AFTER_SECONDS: 1,
      ADMISSION_MAX_EVENT_LOOP_DELAY_MS: 1_000,
      ADMISSION_MAX_EVENT_LOOP_UTILIZATION: 0,
    });
  });

  it('becomes the options of the admission module, with the route budgets the app passes', () => {
    const config = new TypedConfig(loadConfig(schema, { ADMISSION_MAX_QUEUE: '0', ADMISSION_MAX_EVENT_LOOP_UTILIZATION: '0.98' }));
    expect(admissionOptionsFrom(config, { 'GET /product-details/:productId': 1_200 })).toEqual({
      enabled: true,
      limit: { initialLimit: 64, minLimit: 4, maxLimit: 128, targetDelayMs: 5 },
      maxQueue: 0,
      defaultBudgetMs: 1_000,
      routeBudgets: { 'GET /product-details/:productId': 1_200 },
      retryAfterSeconds: 1,
      eventLoop: { maxDelayMs: 1_000, maxUtilization: 0.98 },
    });
  });

  it.each([
    ['ADMISSION_ENABLED', 'yes'],
    ['ADMISSION_INITIAL_LIMIT', '0'],
    ['ADMISSION_MIN_LIMIT', '1.5'],
    ['ADMISSION_MAX_LIMIT', 'lots'],
    ['ADMISSION_TARGET_DELAY_MS', '0'],
    ['ADMISSION_MAX_QUEUE', '-1'],
    ['ADMISSION_DEFAULT_BUDGET_MS', '0'],
    ['ADMISSION_RETRY_AFTER_SECONDS', '0'],
    ['ADMISSION_MAX_EVENT_LOOP_DELAY_MS', '-5'],
    ['ADMISSION_MAX_EVENT_LOOP_UTILIZATION', '1.5'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig(schema, { [variable]: value })).toThrow(variable);
  });

  it('refuses a minimum above the maximum, naming the variable', () => {
    expect(() => loadConfig(schema, { ADMISSION_MIN_LIMIT: '64', ADMISSION_MAX_LIMIT: '32', ADMISSION_INITIAL_LIMIT: '32' })).toThrow(
      /ADMISSION_MIN_LIMIT: must not exceed ADMISSION_MAX_LIMIT/,
    );
  });

  it('refuses an initial limit outside the bounds, naming the variable', () => {
    expect(() => loadConfig(schema, { ADMISSION_INITIAL_LIMIT: '500' })).toThrow(/ADMISSION_INITIAL_LIMIT: must lie between/);
  });
});
