export type { WebDeliverySection, WebProductDetails } from './lib/product-details.response';
export type { WebReviewPage } from './lib/review-page.response';
export type { WebLogin, WebMe, WebUser } from './lib/user.response';
export { WEB_CONTRACT_SCHEMAS } from './lib/web.schemas';
