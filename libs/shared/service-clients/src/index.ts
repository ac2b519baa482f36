export { ServiceClientsModule } from './lib/service-clients.module';
export type { DownstreamOptions, DownstreamService, ServiceClientsOptions } from './lib/service-clients.options';
export { downstreamConfigShape, serviceClientsOptionsFrom } from './lib/config/downstream-config.schema';
export type { CallOptions } from './lib/call/call-options';
export {
  DownstreamCallObserver,
  type DownstreamCallOutcome,
  type DownstreamCallRecorder,
  type DownstreamProtocol,
} from './lib/call/downstream-call.observer';
export {
  DownstreamCallTracer,
  type DownstreamCallSpan,
  type DownstreamCallSpans,
} from './lib/call/downstream-call.tracer';
export { DownstreamHealth } from './lib/resilience/downstream-health';
export { ProductClient } from './lib/clients/product.client';
export { ReviewClient } from './lib/clients/review.client';
export { InventoryClient } from './lib/clients/inventory.client';
export { UserClient } from './lib/clients/user.client';
export { ShippingClient } from './lib/clients/shipping.client';
