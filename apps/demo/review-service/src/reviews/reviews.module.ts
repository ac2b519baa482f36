import { Module } from '@nestjs/common';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

@Module({
  controllers: [ReviewsController],
  providers: [ReviewsService],
  // The review commands store their reviews through it too.
  exports: [ReviewsService],
})
export class ReviewsModule {}
