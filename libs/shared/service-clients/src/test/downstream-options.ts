import type { DownstreamOptions } from '../lib/service-clients.options';

/** Overrides of {@link downstreamOptions}: any top-level field, and single fields of the nested policies. */
export type DownstreamOptionsOverrides = Partial<
  Omit<DownstreamOptions, 'retry' | 'breaker' | 'bulkhead'>
> & {
  retry?: Partial<DownstreamOptions['retry']>;
  breaker?: Partial<DownstreamOptions['breaker']>;
  bulkhead?: Partial<DownstreamOptions['bulkhead']>;
};

/**
 * Options for a client under test: the production defaults, except a breaker
 * that never opens and a retry budget that never runs dry unless a test asks,
 * so each test sees only the policy it is about.
 */
export function downstreamOptions(
  baseUrl: string,
  overrides: DownstreamOptionsOverrides = {},
): DownstreamOptions {
  const { retry, breaker, bulkhead, ...rest } = overrides;
  return {
    baseUrl,
    timeoutMs: 1_000,
    callTimeoutMs: 5_000,
    maxConnections: 4,
    maxResponseBytes: 4_096,
    ...rest,
    retry: {
      retries: 2,
      baseDelayMs: 1,
      maxDelayMs: 5,
      maxRetryAfterMs: 1_000,
      budgetPercent: 20,
      budgetMinRetries: 1_000_000,
      budgetWindowMs: 10_000,
      ...retry,
    },
    breaker: { failureRatio: 0.5, minRequests: 1_000_000, windowMs: 10_000, cooldownMs: 5_000, ...breaker },
    bulkhead: { maxConcurrency: 100, maxQueue: 100, ...bulkhead },
  };
}
