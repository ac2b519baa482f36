/**
 * What a tag function sees of the request: the route parameters and the query
 * (already checked against the policy's allowed parameters).
 *
 * @example
 * const tags = (request: CacheableRequest) => [`product:${request.params['productId']}`];
 */
export interface CacheableRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
}
