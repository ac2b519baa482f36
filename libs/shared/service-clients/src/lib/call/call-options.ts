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
 * // A POST is retried only with an idempotency key:
 * const created = await reviewClient.createReview(input, { headers: { 'idempotency-key': randomUUID() } });
 */
export interface CallOptions {
  /**
   * Aborts the call and closes its connection. An abort whose reason is a
   * `TimeoutError` (as from `AbortSignal.timeout()`) fails as `UPSTREAM_TIMEOUT`;
   * any other reason as `UPSTREAM_UNAVAILABLE` with `cancelled: true`.
   */
  signal?: AbortSignal;
  /**
   * Time limit of this whole call in milliseconds, every try and backoff
   * included, replacing the service's `callTimeoutMs` (each try is still limited
   * to the service's `timeoutMs`). Zero or less fails at once as
   * `UPSTREAM_TIMEOUT`, without a request, so a spent budget never turns into
   * "no limit".
   */
  timeoutMs?: number;
  /**
   * Headers to send besides those taken from the request context. Only
   * `idempotency-key` (which also makes a non-GET call retryable) and overrides of
   * `x-request-id`, `traceparent`, `tracestate` and `accept-language` are
   * accepted; any other name throws before a request is made.
   */
  headers?: Readonly<Record<string, string>>;
}
