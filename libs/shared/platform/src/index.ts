export { admissionConfigShape, refineAdmissionConfig } from './lib/admission/admission-config.schema';
export { AdmissionModule } from './lib/admission/admission.module';
export { AdmissionMetrics, type AdmissionMetricsSnapshot } from './lib/admission/admission.metrics';
export { admissionOptionsFrom } from './lib/admission/admission.options';
export { GatewayLoad } from './lib/admission/gateway-load';
export {
  ReadinessDependencies,
  type DependencyState,
  type ReadinessDependency,
} from './lib/admission/readiness-dependencies';
export { bootstrapHttpApp, createFastifyAdapter } from './lib/bootstrap-http-app';
export { BodyLimit, JSON_WRITE_BODY_LIMIT } from './lib/body-limit.decorator';
export { clientIp } from './lib/client-ip';
export { INFRASTRUCTURE_ROUTE, InfrastructureRoute, isInfrastructureRoute } from './lib/infrastructure-route';
export { listenConfigShape } from './lib/listen-config.schema';
export { accessLogConfigShape } from './lib/logging/access-log-config.schema';
export { GATEWAY_PIPELINE, pipelineGuards, type PipelineGuards, type PipelineStage } from './lib/pipeline/gateway-pipeline';
export { PlatformModule } from './lib/platform.module';
export { RequestContext, type RequestContextData } from './lib/request-context';
export { requestContextConfigShape } from './lib/request-context-config.schema';
export { REQUEST_ID_PATTERN } from './lib/request-id';
export { RESOURCE_ID_PATTERN, ResourceIdPipe } from './lib/resource-id.pipe';
export { SchemaPipe } from './lib/schema.pipe';
export { childTraceContext } from './lib/trace-context';
export { RequestTracer, type RequestSpan } from './lib/tracing/request-tracer';
export { TrustedProxies } from './lib/trusted-proxies';
export { HttpServerDrain } from './lib/shutdown/http-server-drain';
export { RedisConnections } from './lib/redis/redis-connections';
export type { RedisCommandConnection, RedisSubscriberConnection } from './lib/redis/redis-connection.factory';
export { RedisModule } from './lib/redis/redis.module';
export { RedisScript } from './lib/redis/redis-script';
export { RedisDeadlineError, withDeadline } from './lib/redis/redis-deadline';
export { AmqpConnections } from './lib/amqp/amqp-connections';
export { closeAmqpChannel } from './lib/amqp/amqp-channel-close';
export { settledWithin } from './lib/amqp/settled-within';
export { AmqpModule } from './lib/amqp/amqp.module';
export { ApiProblems } from './lib/openapi/api-problems.decorator';
export { ApiResourceId } from './lib/openapi/api-resource-id.decorator';
export { describeHttpApi, type ApiDescription } from './lib/openapi/openapi-document';
export { openApiConfigShape } from './lib/openapi/openapi-config.schema';
export { OpenApiModule } from './lib/openapi/openapi.module';
export { EDGE_PROBLEMS, headerRefs } from './lib/openapi/problem-responses';
