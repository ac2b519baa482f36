import type { AdmissionConfig } from './admission-config.schema';

/** DI token of the resolved {@link AdmissionOptions}. */
export const ADMISSION_OPTIONS = Symbol('ADMISSION_OPTIONS');

/**
 * Bounds and target of the adaptive concurrency limit.
 *
 * @example
 * const limit: ConcurrencyLimitOptions = { initialLimit: 64, minLimit: 4, maxLimit: 128, targetDelayMs: 5 };
 */
export interface ConcurrencyLimitOptions {
  initialLimit: number;
  minLimit: number;
  maxLimit: number;
  /** Median event-loop delay over a window above which a busy gateway counts as congested. */
  targetDelayMs: number;
}

/**
 * How the gateway decides, before any other work, whether to take a request on.
 *
 * @example
 * const options: AdmissionOptions = {
 *   enabled: true,
 *   limit: { initialLimit: 64, minLimit: 4, maxLimit: 128, targetDelayMs: 5 },
 *   maxQueue: 1000,
 *   defaultBudgetMs: 1000,
 *   routeBudgets: { 'GET /product-details/:productId': 1200 },
 *   retryAfterSeconds: 1,
 *   eventLoop: { maxDelayMs: 1000, maxUtilization: 0 },
 * };
 */
export interface AdmissionOptions {
  enabled: boolean;
  limit: ConcurrencyLimitOptions;
  /** Requests waiting for a slot at most. */
  maxQueue: number;
  /** Budget of a route missing from `routeBudgets`. */
  defaultBudgetMs: number;
  /**
   * Each route's time budget, by `"<METHOD> <path pattern>"` as the router knows it;
   * a queued request that could no longer be answered within it is dropped before its
   * work starts. A name that matches no route stops the app at start-up.
   */
  routeBudgets: Readonly<Record<string, number>>;
  retryAfterSeconds: number;
  /** The valve: everything is turned away while either has been exceeded for two windows running (0: that check is off). */
  eventLoop: { maxDelayMs: number; maxUtilization: number };
}

/**
 * Anything that reads the admission variables by name: an app's `TypedConfig`
 * subclass whose schema spreads `admissionConfigShape()`.
 *
 * @example
 * const reader: AdmissionConfigReader = new MobileBffConfig(values);
 */
export interface AdmissionConfigReader {
  get<K extends keyof AdmissionConfig>(key: K): AdmissionConfig[K];
}

/**
 * {@link AdmissionOptions} from an app's config, with the budgets of the routes that
 * have their own.
 *
 * @example
 * AdmissionModule.forRootAsync({
 *   inject: [MobileBffConfig],
 *   useFactory: (config: MobileBffConfig) =>
 *     admissionOptionsFrom(config, { 'GET /product-details/:productId': config.get('PRODUCT_DETAILS_BUDGET_MS') }),
 * })
 */
export function admissionOptionsFrom(
  config: AdmissionConfigReader,
  routeBudgets: Readonly<Record<string, number>> = {},
): AdmissionOptions {
  return {
    enabled: config.get('ADMISSION_ENABLED'),
    limit: {
      initialLimit: config.get('ADMISSION_INITIAL_LIMIT'),
      minLimit: config.get('ADMISSION_MIN_LIMIT'),
      maxLimit: config.get('ADMISSION_MAX_LIMIT'),
      targetDelayMs: config.get('ADMISSION_TARGET_DELAY_MS'),
    },
    maxQueue: config.get('ADMISSION_MAX_QUEUE'),
    defaultBudgetMs: config.get('ADMISSION_DEFAULT_BUDGET_MS'),
    routeBudgets,
    retryAfterSeconds: config.get('ADMISSION_RETRY_AFTER_SECONDS'),
    eventLoop: {
      maxDelayMs: config.get('ADMISSION_MAX_EVENT_LOOP_DELAY_MS'),
      maxUtilization: config.get('ADMISSION_MAX_EVENT_LOOP_UTILIZATION'),
    },
  };
}
