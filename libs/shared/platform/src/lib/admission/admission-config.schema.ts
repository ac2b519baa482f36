import { flag } from '@bff/config';
import { z } from 'zod';

const count = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * The environment variables of admission control (overload protection at the edge);
 * app schemas spread it in and add {@link refineAdmissionConfig}. Every knob has a
 * default that suits the demo on a 2-core machine; an out-of-range value stops the
 * app at start-up with an error naming the variable.
 *
 * @example
 * export const mobileBffConfigSchema = z
 *   .object({ ...listenConfigShape(3001), ...admissionConfigShape() })
 *   .superRefine(refineAdmissionConfig);
 */
export function admissionConfigShape() {
  return {
    /** `false` admits every request: no limit, no queue, no event-loop valve. */
    ADMISSION_ENABLED: flag(true),
    /** Requests in the pipeline at once when the gateway starts. */
    ADMISSION_INITIAL_LIMIT: count(64, 1, 100_000),
    /** The limit never falls below this, however congested the event loop. */
    ADMISSION_MIN_LIMIT: count(4, 1, 100_000),
    /**
     * Nor rises above this, however idle. Every product page calls the product service,
     * so a limit above its bulkhead (`DOWNSTREAM_MAX_CONCURRENCY`, 128) would only move
     * the queueing there, where a full bulkhead fails calls instead of waiting.
     */
    ADMISSION_MAX_LIMIT: count(128, 1, 100_000),
    /** Median event-loop delay over a 100 ms window above which a busy gateway counts as congested. */
    ADMISSION_TARGET_DELAY_MS: count(5, 1, 10_000),
    /** Requests waiting for a slot at most; 0 turns away every request over the limit at once. */
    ADMISSION_MAX_QUEUE: count(1_000, 0, 100_000),
    /** The budget of a route that declares none: a queued request must still be answerable within it. */
    ADMISSION_DEFAULT_BUDGET_MS: count(1_000, 1, 600_000),
    /** `Retry-After` of a turned-away request. */
    ADMISSION_RETRY_AFTER_SECONDS: count(1, 1, 3_600),
    /**
     * Event-loop valve: turn everything away while the median event-loop delay has been
     * above this for two 100 ms windows running; 0: off. A loop this late cannot answer
     * any route within its budget.
     */
    ADMISSION_MAX_EVENT_LOOP_DELAY_MS: count(1_000, 0, 600_000),
    /** Event-loop valve: the same for the share of the window the loop was busy (0–1); 0: off. */
    ADMISSION_MAX_EVENT_LOOP_UTILIZATION: z.coerce.number().min(0).max(1).default(0),
  };
}

/**
 * The parsed values of {@link admissionConfigShape}.
 *
 * @example
 * const limit: AdmissionConfig['ADMISSION_MIN_LIMIT'] = 4;
 */
export type AdmissionConfig = z.output<z.ZodObject<ReturnType<typeof admissionConfigShape>>>;

/**
 * The rules between admission knobs: `MIN ≤ INITIAL ≤ MAX`. Each broken rule names
 * the variable to change.
 *
 * @example
 * z.object({ ...admissionConfigShape() }).superRefine(refineAdmissionConfig);
 */
export function refineAdmissionConfig(config: AdmissionConfig, context: z.RefinementCtx): void {
  const { ADMISSION_MIN_LIMIT: min, ADMISSION_INITIAL_LIMIT: initial, ADMISSION_MAX_LIMIT: max } = config;
  if (min > max) {
    context.addIssue({ code: 'custom', path: ['ADMISSION_MIN_LIMIT'], message: `must not exceed ADMISSION_MAX_LIMIT (${max})` });
  }
  if (initial < min || initial > max) {
    context.addIssue({
      code: 'custom',
      path: ['ADMISSION_INITIAL_LIMIT'],
      message: `must lie between ADMISSION_MIN_LIMIT (${min}) and ADMISSION_MAX_LIMIT (${max})`,
    });
  }
}
