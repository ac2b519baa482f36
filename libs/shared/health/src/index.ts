export { HealthProbesModule, type HealthProbesModuleAsyncOptions } from './lib/health-probes.module';
export { healthProbesOptionsFrom, type HealthProbesOptions } from './lib/health-probes.options';
