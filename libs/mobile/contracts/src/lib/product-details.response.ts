import type { Section } from '@bff/contracts';
import type { Money, Rating } from '@bff/downstream-contracts';

export interface MobileReviewSnippet {
  rating: Rating;
  title: string;
  /** At most {@link MOBILE_REVIEW_BODY_LIMIT} characters, cut at a word and ended with "…". */
  body: string;
  author: string;
}

export interface MobileRatingSection {
  average: number;
  count: number;
  /** The three most recent reviews. */
  top: MobileReviewSnippet[];
}

export interface MobileStockSection {
  inStock: boolean;
  quantity: number;
}

/** The fastest way to get the product: all the product screen's delivery line needs. */
export interface MobileDeliverySection {
  name: string;
  estimatedDays: number;
  cost: Money;
}

/**
 * `GET /product-details/:productId` on the mobile BFF: only what the product screen
 * draws, to save bandwidth. `id`, `name`, `price` and `thumbnailUrl` are required;
 * `rating`, `stock` and `delivery` degrade to `{ status: 'unavailable', reason }` so
 * the screen still opens when the review, inventory or shipping service is down.
 *
 * @example
 * const p: MobileProductDetails = await (await fetch('/product-details/1')).json();
 * const badge = p.stock.status === 'ok' && p.stock.inStock ? 'In stock' : '';
 */
export interface MobileProductDetails {
  id: string;
  name: string;
  price: Money;
  thumbnailUrl: string;
  rating: Section<MobileRatingSection>;
  stock: Section<MobileStockSection>;
  delivery: Section<MobileDeliverySection>;
}

/** Longest review body the mobile product screen shows. */
export const MOBILE_REVIEW_BODY_LIMIT = 140;
