export type { WebDeliverySection, WebProductDetails } from './lib/product-details.response';
export type { WebMe, WebUser } from './lib/user.response';
