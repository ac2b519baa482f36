export { ServiceClientsModule } from './lib/service-clients.module';
export type { DownstreamService, ServiceClientsOptions } from './lib/service-clients.options';
export { downstreamConfigShape, serviceClientsOptionsFrom } from './lib/config/downstream-config.schema';
export type { CallOptions } from './lib/call/call-options';
export { DownstreamHealth } from './lib/resilience/downstream-health';
export { ProductClient } from './lib/clients/product.client';
export { ReviewClient } from './lib/clients/review.client';
export { InventoryClient } from './lib/clients/inventory.client';
export { UserClient } from './lib/clients/user.client';
