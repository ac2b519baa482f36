import type { Section } from '@bff/contracts';
import type { Rating } from '@bff/downstream-contracts';
import type { MobileStockSection } from './product-details.response';

/**
 * An amount as a decimal string in the currency's major unit (`"24.99"` USD, `"500"`
 * JPY), with exactly as many decimals as the currency has: the app shows it, or hands
 * it to its number formatter, without a table of each currency's minor unit.
 */
export interface MobileMoney {
  amount: string;
  /** ISO 4217 code. */
  currency: string;
}

/** One of the most recent reviews, with what the app needs to link to it and date it. */
export interface MobileReviewV2 {
  id: string;
  rating: Rating;
  title: string;
  /** At most `MOBILE_REVIEW_BODY_LIMIT` characters, cut at a word and ended with "…". */
  body: string;
  author: string;
  /** ISO 8601, for "3 days ago". */
  createdAt: string;
}

export interface MobileRatingSectionV2 {
  average: number;
  count: number;
  /** The three most recent reviews, newest first. */
  recent: MobileReviewV2[];
}

/** The fastest way to get the product, its cost in {@link MobileMoney}. */
export interface MobileDeliverySectionV2 {
  name: string;
  estimatedDays: number;
  cost: MobileMoney;
}

/**
 * `GET /v2/product-details/:productId` on the mobile BFF. Differs from v1
 * (`MobileProductDetails`) in two ways: money (`price`, `delivery.cost`) is
 * {@link MobileMoney}, and `rating.top` became `rating.recent`, whose reviews carry
 * their `id` and `createdAt`. Everything else is as in v1.
 *
 * @example
 * const p: MobileProductDetailsV2 = await (await fetch('/v2/product-details/1')).json();
 * const label = `${p.price.amount} ${p.price.currency}`;
 */
export interface MobileProductDetailsV2 {
  id: string;
  name: string;
  price: MobileMoney;
  thumbnailUrl: string;
  rating: Section<MobileRatingSectionV2>;
  stock: Section<MobileStockSection>;
  delivery: Section<MobileDeliverySectionV2>;
}
