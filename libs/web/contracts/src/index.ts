export type { WebProductDetails } from './lib/product-details.response';
export type { WebMe, WebUser } from './lib/user.response';
export type { WebReview } from './lib/review.response';
