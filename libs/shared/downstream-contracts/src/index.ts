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
  downstreamGrpcVariable,
  downstreamUrlVariable,
  type DownstreamService,
  type DownstreamServiceApp,
  type DownstreamServiceEntry,
  type DownstreamServiceEnvPrefix,
} from './lib/downstream-services';
export { GRPC_LOADER_OPTIONS, healthV1, inventoryV1 } from './lib/grpc/grpc-protos';
export type { InventoryServiceClient, InventoryServiceHandlers } from './lib/grpc/generated/inventory/v1/InventoryService';
export type { GetStockRequest__Output as GetStockRequest } from './lib/grpc/generated/inventory/v1/GetStockRequest';
export type { Stock } from './lib/grpc/generated/inventory/v1/Stock';
export type { HealthClient, HealthHandlers } from './lib/grpc/generated/grpc/health/v1/Health';
export type { HealthCheckRequest__Output as HealthCheckRequest } from './lib/grpc/generated/grpc/health/v1/HealthCheckRequest';
export type { HealthCheckResponse } from './lib/grpc/generated/grpc/health/v1/HealthCheckResponse';
export {
  DEFAULT_AMQP_QUEUE_PREFIX,
  REVIEW_COMMAND_DELIVERY_LIMIT,
  REVIEW_EVENTS,
  REVIEW_EVENTS_EXCHANGE,
  amqpTopology,
  type AmqpTopology,
} from './lib/amqp/amqp-topology';
export {
  deliveryEstimateReplySchema,
  deliveryEstimateRequestSchema,
  deliveryEstimateSchema,
  type DeliveryEstimate,
  type DeliveryEstimateReply,
  type DeliveryEstimateRequest,
  type DeliveryOption,
} from './lib/amqp/delivery-estimate.schema';
export {
  operationIdSchema,
  reviewFailedEventSchema,
  reviewPublishedEventSchema,
  reviewSubmitCommandSchema,
  type ReviewFailedEvent,
  type ReviewPublishedEvent,
  type ReviewSubmitCommand,
} from './lib/amqp/review-command.schema';
export { DOWNSTREAM_SCHEMAS } from './lib/downstream.schemas';
