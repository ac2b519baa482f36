import type { FactoryProvider, ModuleMetadata } from '@nestjs/common';
import type { TypedConfig } from '@bff/config';

/**
 * Where review commands go and how long their operations are kept.
 *
 * @example
 * const options: ReviewsOptions = {
 *   amqpUrl: 'amqp://guest:guest@127.0.0.1:5672', queuePrefix: 'bff.', confirmTimeoutMs: 2_000,
 *   redisUrl: 'redis://127.0.0.1:6379', operationTtlSeconds: 86_400,
 * };
 */
export interface ReviewsOptions {
  amqpUrl: string;
  /** `AMQP_QUEUE_PREFIX`: the topology's names are built from it. */
  queuePrefix: string;
  /** A command the broker has not confirmed within this is answered 503 (and its operation withdrawn). */
  confirmTimeoutMs: number;
  /** Operations live in Redis when set, so every replica reads the same ones; in this process's memory otherwise. */
  redisUrl?: string;
  operationTtlSeconds: number;
}

export const REVIEWS_OPTIONS = Symbol('REVIEWS_OPTIONS');

export interface ReviewsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: FactoryProvider['inject'];
  useFactory: (...args: never[]) => ReviewsOptions | Promise<ReviewsOptions>;
}

/** The config variables {@link ReviewsOptions} is read from (`amqpConfigShape`, `reviewCommandsConfigShape`, `REDIS_URL`). */
type ReviewsConfigValues = {
  AMQP_URL: string;
  AMQP_QUEUE_PREFIX: string;
  REVIEW_COMMAND_CONFIRM_TIMEOUT_MS: number;
  OPERATION_TTL_SECONDS: number;
  REDIS_URL?: string;
};

/**
 * Reads {@link ReviewsOptions} from an app's config, whose schema spreads
 * `amqpConfigShape()`, `reviewCommandsConfigShape()` and `redisConfigShape()`.
 *
 * @example
 * ReviewsModule.forRootAsync({ inject: [WebBffConfig], useFactory: reviewsOptionsFrom });
 */
export function reviewsOptionsFrom(config: TypedConfig<ReviewsConfigValues>): ReviewsOptions {
  return {
    amqpUrl: config.get('AMQP_URL'),
    queuePrefix: config.get('AMQP_QUEUE_PREFIX'),
    confirmTimeoutMs: config.get('REVIEW_COMMAND_CONFIRM_TIMEOUT_MS'),
    redisUrl: config.get('REDIS_URL'),
    operationTtlSeconds: config.get('OPERATION_TTL_SECONDS'),
  };
}
