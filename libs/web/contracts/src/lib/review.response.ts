import type { Review } from '@bff/downstream-contracts';

/**
 * `POST /products/:productId/reviews` on the web BFF: the published review, as the
 * product page lists it.
 *
 * @example
 * const review: WebReview = await (await fetch('/products/1/reviews', { method: 'POST', body })).json();
 */
export type WebReview = Review;
