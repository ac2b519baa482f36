export { MOBILE_REVIEW_BODY_LIMIT, type MobileProductDetails, type MobileReviewSnippet } from './lib/product-details.response';
export type { MobileUser } from './lib/user.response';
export type { MobileReviewReceipt } from './lib/review.response';
