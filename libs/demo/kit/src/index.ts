export { DEMO_PRODUCT_COUNT, demoProductIds } from './lib/demo-catalogue';
export { Prng } from './lib/prng';
export { paginate, parsePageRequest, type PageRequest } from './lib/pagination';
export { queryParam } from './lib/query-param';
export { DemoFaultsModule } from './lib/faults/demo-faults.module';
export { FAULT_RANDOM } from './lib/faults/fault-random.token';
export { GrpcFaultInjection, type GrpcUnaryMethod } from './lib/faults/grpc-fault-injection.service';
export {
  AMQP_REQUEST_METHOD,
  AmqpFaultInjection,
  type AmqpRequestMessage,
  type AmqpRpcMethod,
} from './lib/faults/amqp-fault-injection.service';
export { AmqpDeliveryFaults, CONSUME_METHOD, type DeliveryFault } from './lib/faults/amqp-delivery-faults.service';
export { GRPC_STATUS_FOR_HTTP, grpcStatusForHttp } from './lib/faults/grpc-status-for-http';
export { grpcError } from './lib/faults/grpc-error';
