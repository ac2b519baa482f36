export { bodyField } from './lib/body-field';
export { RateLimitGuard } from './lib/rate-limit.guard';
export { RateLimitTier, SkipRateLimit } from './lib/rate-limit.decorators';
export { rateLimitTier, throttlingConfigShape } from './lib/throttling-config.schema';
export { ThrottlingMetrics } from './lib/throttling.metrics';
export { ThrottlingModule } from './lib/throttling.module';
