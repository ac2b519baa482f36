import { isUnavailable } from '@bff/composition';
import type {
  MobileProductDetails,
  MobileProductDetailsV2,
  MobileReviewSnippet,
  MobileReviewV2,
} from '@bff/mobile-contracts';
import { toMoney } from './mobile-money';

/**
 * Version 1 of the product screen, from version 2: phones in the field still draw it.
 * It is derived, never composed a second time, so both versions always say the same
 * thing; v1 is exactly v2 with money in minor units and the reviews as `top`, without
 * their `id` and `createdAt`. The v1 contract test (mobile-bff-e2e) pins the result.
 */
export function toMobileProductDetailsV1(details: MobileProductDetailsV2): MobileProductDetails {
  const { rating, delivery } = details;
  return {
    id: details.id,
    name: details.name,
    price: toMoney(details.price),
    thumbnailUrl: details.thumbnailUrl,
    rating: isUnavailable(rating)
      ? rating
      : { status: 'ok', average: rating.average, count: rating.count, top: rating.recent.map(toSnippet) },
    stock: details.stock,
    delivery: isUnavailable(delivery)
      ? delivery
      : {
          status: 'ok',
          name: delivery.name,
          estimatedDays: delivery.estimatedDays,
          cost: toMoney(delivery.cost),
        },
  };
}

function toSnippet({ rating, title, body, author }: MobileReviewV2): MobileReviewSnippet {
  return { rating, title, body, author };
}
