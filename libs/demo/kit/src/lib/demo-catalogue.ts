/**
 * The demo product ids are "1" to this number. The product, review and inventory
 * services each seed their own data for the same ids, so they must agree on it.
 *
 * @example
 * const known = Number(id) >= 1 && Number(id) <= DEMO_PRODUCT_COUNT;
 */
export const DEMO_PRODUCT_COUNT = 500;

/**
 * Every demo product id, in order.
 *
 * @example
 * for (const id of demoProductIds()) reviews.set(id, generateReviews(id));
 */
export function demoProductIds(): string[] {
  return Array.from({ length: DEMO_PRODUCT_COUNT }, (_, index) => String(index + 1));
}
