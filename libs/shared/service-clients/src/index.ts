export { ServiceClientsModule } from './lib/service-clients.module';
export type { DownstreamService, ServiceClientsOptions } from './lib/service-clients.options';
export { downstreamConfigShape, serviceClientsOptionsFrom } from './lib/config/downstream-config.schema';
export type { CallOptions } from './lib/call/call-options';
export {
  DownstreamCallObserver,
  type DownstreamCallOutcome,
  type DownstreamCallRecorder,
  type DownstreamProtocol,
} from './lib/call/downstream-call.observer';
export { DownstreamHealth } from './lib/resilience/downstream-health';
export { ProductClient } from './lib/clients/product.client';
export { ReviewClient } from './lib/clients/review.client';
export { InventoryClient } from './lib/clients/inventory.client';
export { UserClient } from './lib/clients/user.client';
export { ShippingClient } from './lib/clients/shipping.client';
