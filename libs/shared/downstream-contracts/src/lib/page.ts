/**
 * One page of a cursor-paginated list. `nextCursor` is opaque to callers and `null`
 * on the last page.
 *
 * @example
 * const page: Page<Review> = { items: [], nextCursor: null };
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
