export { ConfigModule } from './lib/config.module';
export { ConfigValidationError } from './lib/config-validation.error';
export { loadConfig, type Environment } from './lib/load-config';
export { TypedConfig } from './lib/typed-config';
export { flag, grpcTarget, httpUrl, millis, port, redisUrl } from './lib/config.schemas';
export { redisConfigShape, refineRedisConfig } from './lib/redis-config.schema';
export { amqpConfigShape } from './lib/amqp-config.schema';
