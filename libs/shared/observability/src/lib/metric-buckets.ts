/**
 * Latency buckets in seconds, for inbound requests and downstream calls alike: from
 * a cache hit (a few ms) to a page at the end of its budget (1.2–1.5 s) and the
 * slowest tolerated calls, so a budget's edge falls between two buckets.
 */
export const LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 5, 10];
