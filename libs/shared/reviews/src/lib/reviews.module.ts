import { DynamicModule, Module } from '@nestjs/common';
import { AmqpModule, RedisConnections, RedisModule } from '@bff/platform';
import { MemoryOperationStore } from './memory-operation.store';
import { OPERATION_STORE, type OperationStore } from './operation.store';
import { Operations } from './operations.service';
import { RedisOperationStore } from './redis-operation.store';
import { ReviewCommandPublisher } from './review-command.publisher';
import { ReviewEventsSubscriber } from './review-events.subscriber';
import { ReviewSubmissions } from './review-submissions.service';
import { REVIEWS_OPTIONS, type ReviewsModuleAsyncOptions, type ReviewsOptions } from './reviews.options';

/** One prefix for both BFFs: an operation submitted through one can be read through the other. */
const OPERATION_KEY_PREFIX = 'bff:operation:';

/**
 * Reviews as commands: provides {@link ReviewSubmissions} (for `POST
 * /products/:productId/reviews`) and {@link Operations} (for `GET /operations/:id`),
 * and follows the review events on this replica. Needs the service clients and the
 * response cache (`CacheInvalidator`), which the gateways provide globally.
 *
 * @example
 * @Module({
 *   imports: [ReviewsModule.forRootAsync({ inject: [WebBffConfig], useFactory: reviewsOptionsFrom })],
 *   controllers: [ReviewsController, OperationsController],
 * })
 * export class AppModule {}
 */
@Module({})
export class ReviewsModule {
  static forRootAsync(options: ReviewsModuleAsyncOptions): DynamicModule {
    return {
      module: ReviewsModule,
      imports: [...(options.imports ?? []), AmqpModule, RedisModule],
      providers: [
        { provide: REVIEWS_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory },
        {
          provide: OPERATION_STORE,
          inject: [REVIEWS_OPTIONS, RedisConnections],
          useFactory: (resolved: ReviewsOptions, connections: RedisConnections): OperationStore =>
            resolved.redisUrl === undefined
              ? new MemoryOperationStore(resolved.operationTtlSeconds)
              : new RedisOperationStore(
                  connections.commands(resolved.redisUrl),
                  OPERATION_KEY_PREFIX,
                  resolved.operationTtlSeconds,
                ),
        },
        ReviewCommandPublisher,
        ReviewEventsSubscriber,
        ReviewSubmissions,
        Operations,
      ],
      exports: [ReviewSubmissions, Operations],
    };
  }
}
