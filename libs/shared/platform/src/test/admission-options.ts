import type { AdmissionOptions } from '../lib/admission/admission.options';

/**
 * Admission options for a spec: admission on with a limit of one call, no queue, a 1 s
 * default budget, no route budgets and the event-loop checks off; `overrides` replace
 * whole fields.
 */
export function admissionOptions(overrides: Partial<AdmissionOptions> = {}): AdmissionOptions {
  return {
    enabled: true,
    limit: { initialLimit: 1, minLimit: 1, maxLimit: 1, targetDelayMs: 20 },
    maxQueue: 0,
    defaultBudgetMs: 1_000,
    routeBudgets: {},
    retryAfterSeconds: 1,
    eventLoop: { maxDelayMs: 0, maxUtilization: 0 },
    ...overrides,
  };
}
