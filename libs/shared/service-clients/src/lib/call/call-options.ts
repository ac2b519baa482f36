/**
 * Per-call options every client method takes as its last argument, so a
 * composition can give each downstream call a share of the route's time budget,
 * cancel it, and add headers.
 *
 * @example
 * const budget = AbortSignal.timeout(800);
 * const [product, reviews] = await Promise.all([
 *   products.getProduct(id, { signal: budget, timeoutMs: 500 }),
 *   reviews.listReviews({ productId: id }, { signal: budget, timeoutMs: 300 }),
 * ]);
 */
export interface CallOptions {
  /**
   * Aborts the call and closes its connection. An abort whose reason is a
   * `TimeoutError` (as from `AbortSignal.timeout()`) fails as `UPSTREAM_TIMEOUT`;
   * any other reason as `UPSTREAM_UNAVAILABLE` with `cancelled: true`.
   */
  signal?: AbortSignal;
  /**
   * Time limit of this call in milliseconds, replacing the service's default.
   * Zero or less fails at once as `UPSTREAM_TIMEOUT`, without a request, so a
   * spent budget never turns into "no limit".
   */
  timeoutMs?: number;
  /** Extra request headers, e.g. `x-request-id`. */
  headers?: Readonly<Record<string, string>>;
}
