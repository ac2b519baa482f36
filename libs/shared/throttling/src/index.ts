export { bodyField } from './lib/body-field';
export { RateLimitGuard } from './lib/rate-limit.guard';
export { RateLimitTier, SkipRateLimit, type RateLimitDiscriminator } from './lib/rate-limit.decorators';
export { rateLimitTier, throttlingConfigShape } from './lib/throttling-config.schema';
export { ThrottlingMetrics } from './lib/throttling.metrics';
export { ThrottlingModule } from './lib/throttling.module';
export { type ThrottlingOptions } from './lib/throttling.options';
export { type TierPolicy } from './lib/tier-policy';
