import { isUnavailable, type Unavailable } from '@bff/composition';
import type { DeliveryEstimate, DeliveryOption, Inventory, Product, Review, ReviewPage } from '@bff/downstream-contracts';
import {
  MOBILE_REVIEW_BODY_LIMIT,
  type MobileDeliverySectionV2,
  type MobileProductDetailsV2,
  type MobileReviewV2,
} from '@bff/mobile-contracts';
import { toMobileMoney } from './mobile-money';

export const TOP_REVIEWS = 3;

export interface ProductDetailsParts {
  product: Product;
  /** Named after the response sections they feed, so `x-bff-degraded` speaks the client's terms. */
  rating: ReviewPage | Unavailable;
  stock: Inventory | Unavailable;
  delivery: DeliveryEstimate | Unavailable;
}

/**
 * Shapes the downstream answers into the compact product screen, in its newest
 * version; older versions are derived from this one (`product-details.v1.mapper.ts`).
 */
export function toMobileProductDetailsV2({ product, rating, stock, delivery }: ProductDetailsParts): MobileProductDetailsV2 {
  const thumbnail = product.images.find((image) => image.size === 'thumbnail') ?? product.images[0];
  return {
    id: product.id,
    name: product.name,
    price: toMobileMoney(product.price),
    thumbnailUrl: thumbnail?.url ?? '',
    rating: isUnavailable(rating)
      ? rating
      : {
          status: 'ok',
          average: rating.summary.average,
          count: rating.summary.count,
          recent: rating.items.slice(0, TOP_REVIEWS).map(toRecentReview),
        },
    stock: isUnavailable(stock)
      ? stock
      : { status: 'ok', inStock: stock.totalQuantity > 0, quantity: stock.totalQuantity },
    delivery: isUnavailable(delivery) ? delivery : { status: 'ok', ...fastest(delivery.options) },
  };
}

/**
 * The screen has one line for delivery, so it shows the soonest arrival; of options
 * that arrive as soon, the cheaper (options come cheapest first).
 */
export function fastest(options: readonly DeliveryOption[]): MobileDeliverySectionV2 {
  const best = options.reduce((soonest, option) => (option.estimatedDays < soonest.estimatedDays ? option : soonest));
  return { name: best.name, estimatedDays: best.estimatedDays, cost: toMobileMoney(best.cost) };
}

function toRecentReview(review: Review): MobileReviewV2 {
  return {
    id: review.id,
    rating: review.rating,
    title: review.title,
    body: truncate(review.body),
    author: review.author,
    createdAt: review.createdAt,
  };
}

/** Cuts at the last word boundary that fits, so no word is broken mid-way on a small screen. */
export function truncate(text: string, limit = MOBILE_REVIEW_BODY_LIMIT): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).trimEnd() + '…';
}
