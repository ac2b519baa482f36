import type { Page } from './page';

export type Rating = 1 | 2 | 3 | 4 | 5;

export interface Review {
  id: string;
  productId: string;
  rating: Rating;
  title: string;
  body: string;
  author: string;
  createdAt: string;
}

/** Aggregates over every review of a product, not just the current page. */
export interface RatingSummary {
  count: number;
  /** Mean rating rounded to two decimals; 0 when there are no reviews. */
  average: number;
  histogram: Record<`${Rating}`, number>;
}

/**
 * The review service's answer to `GET /reviews?productId=&limit=&cursor=`: a page of
 * reviews (newest first) and the product's rating summary, in one round trip.
 *
 * @example
 * const { items, nextCursor, summary } = await reviewClient.listReviews({ productId: '1', limit: 10 });
 */
export interface ReviewPage extends Page<Review> {
  productId: string;
  summary: RatingSummary;
}
