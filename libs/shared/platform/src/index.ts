export { bootstrapHttpApp, createFastifyAdapter, type HttpAppOptions, type ListenConfig } from './lib/bootstrap-http-app';
export { HealthController, type HealthReport } from './lib/health.controller';
export { listenConfigShape } from './lib/listen-config.schema';
export { PlatformModule } from './lib/platform.module';
export { RESOURCE_ID_PATTERN, ResourceIdPipe } from './lib/resource-id.pipe';
export { SERVICE_NAME } from './lib/service-name.token';
