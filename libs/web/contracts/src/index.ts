export type { Section, Unavailable, UnavailableReason } from '@bff/contracts';
export type { WebInventorySection, WebProductDetails, WebReviewsSection } from './lib/product-details.response';
export type { WebAddress, WebMe, WebUser } from './lib/user.response';
export type { WebReview } from './lib/review.response';
