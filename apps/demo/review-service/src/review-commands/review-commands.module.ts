import { Module } from '@nestjs/common';
import { DemoFaultsModule } from '@bff/demo-kit';
import { AmqpModule } from '@bff/platform';
import { ReviewsModule } from '../reviews/reviews.module';
import { ReviewCommandConsumer } from './review-command.consumer';
import { ReviewCommandHandler } from './review-command.handler';
import { ReviewOperations } from './review-operations';

/** `review.submit` commands over RabbitMQ, stored through the same `ReviewsService` as `POST /reviews`. */
@Module({
  // DemoFaultsModule: the deliveries share the HTTP routes' fault knobs and counters.
  imports: [AmqpModule, DemoFaultsModule, ReviewsModule],
  providers: [ReviewCommandConsumer, ReviewCommandHandler, ReviewOperations],
})
export class ReviewCommandsModule {}
