import type { Rating } from '@bff/downstream-contracts';

/**
 * `POST /products/:productId/reviews` on the mobile BFF: just enough to show the new
 * review in place; the text is what the app just sent.
 *
 * @example
 * const { id } = (await (await fetch('/products/1/reviews', { method: 'POST', body })).json()) as MobileReviewReceipt;
 */
export interface MobileReviewReceipt {
  id: string;
  rating: Rating;
  createdAt: string;
}
