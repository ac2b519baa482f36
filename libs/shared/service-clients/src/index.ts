export { ServiceClientsModule } from './lib/service-clients.module';
export {
  type BreakerOptions,
  type BulkheadOptions,
  type DownstreamOptions,
  type DownstreamService,
  type RetryOptions,
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
export { DownstreamHealth } from './lib/resilience/downstream-health';
export type { DownstreamState } from './lib/resilience/service-resilience';
export type { BreakerState } from './lib/resilience/circuit-breaker';
export { ProductClient, type ListProductsQuery } from './lib/clients/product.client';
export { ReviewClient, type CreateReviewInput, type ListReviewsQuery } from './lib/clients/review.client';
export { InventoryClient } from './lib/clients/inventory.client';
export { UserClient, type Credentials } from './lib/clients/user.client';
