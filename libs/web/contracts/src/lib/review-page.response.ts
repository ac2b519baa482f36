import type { Review } from '@bff/downstream-contracts';

/**
 * `GET /products/:productId/reviews?cursor=` on the web BFF: the page of reviews
 * after the product page's first one ("more reviews"), newest first.
 *
 * @example
 * const page: WebReviewPage = await (await fetch(`/products/1/reviews?cursor=${details.reviews.nextCursor}`)).json();
 * if (page.nextCursor === null) hideMoreButton();
 */
export interface WebReviewPage {
  items: Review[];
  /** Pass back as `cursor` for the page after this one; `null` on the last page. */
  nextCursor: string | null;
}
