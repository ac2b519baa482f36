export type { Money } from './lib/money';
export type { Page } from './lib/page';
export type { ImageSize, Product, ProductImage } from './lib/product';
export type { Rating, RatingSummary, Review, ReviewPage } from './lib/review';
export type { Inventory, WarehouseStock } from './lib/inventory';
export type { Address, User } from './lib/user';
export { reviewDraftSchema, type ReviewDraft } from './lib/review-draft.schema';
export { faultSpecSchema, type FaultSpec } from './lib/fault-spec.schema';
export {
  DOWNSTREAM_SERVICES,
  DOWNSTREAM_SERVICE_NAMES,
  downstreamUrlVariable,
  type DownstreamService,
  type DownstreamServiceApp,
  type DownstreamServiceEnvPrefix,
} from './lib/downstream-services';
