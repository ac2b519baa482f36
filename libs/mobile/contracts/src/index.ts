export type { Section, Unavailable, UnavailableReason } from '@bff/contracts';
export {
  MOBILE_REVIEW_BODY_LIMIT,
  type MobileProductDetails,
  type MobileRatingSection,
  type MobileReviewSnippet,
  type MobileStockSection,
} from './lib/product-details.response';
export type { MobileUser } from './lib/user.response';
export type { MobileReviewReceipt } from './lib/review.response';
