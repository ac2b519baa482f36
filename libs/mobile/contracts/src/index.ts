export {
  MOBILE_REVIEW_BODY_LIMIT,
  type MobileDeliverySection,
  type MobileProductDetails,
  type MobileReviewSnippet,
} from './lib/product-details.response';
export type {
  MobileDeliverySectionV2,
  MobileMoney,
  MobileProductDetailsV2,
  MobileRatingSectionV2,
  MobileReviewV2,
} from './lib/product-details-v2.response';
export type { MobileUser } from './lib/user.response';
export { MOBILE_CONTRACT_SCHEMAS } from './lib/mobile.schemas';
