export { ServiceClientsModule } from './lib/service-clients.module';
export {
  type DownstreamOptions,
  type DownstreamService,
  type ServiceClientsAsyncOptions,
  type ServiceClientsOptions,
} from './lib/service-clients.options';
export {
  downstreamConfigShape,
  serviceClientsOptionsFrom,
  type DownstreamConfig,
  type DownstreamConfigReader,
} from './lib/config/downstream-config.schema';
export type { CallOptions } from './lib/call/call-options';
export { ProductClient, type ListProductsQuery } from './lib/clients/product.client';
export { ReviewClient, type CreateReviewInput, type ListReviewsQuery } from './lib/clients/review.client';
export { InventoryClient } from './lib/clients/inventory.client';
export { UserClient, type Credentials } from './lib/clients/user.client';
