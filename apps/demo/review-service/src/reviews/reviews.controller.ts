import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import type { Review, ReviewPage } from '@bff/downstream-contracts';
import { SchemaPipe } from '@bff/platform';
import { type CreateReviewInput, createReviewSchema } from './create-review.schema';
import { parseListReviewsQuery } from './list-reviews.query';
import { ReviewsService } from './reviews.service';

@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  /** One page of a product's reviews, newest first, with the summary over all of them. */
  @Get()
  list(@Query() query: Record<string, unknown>): ReviewPage {
    const { productId, page } = parseListReviewsQuery(query);
    return this.reviews.list(productId, page);
  }

  /** Answers 201 with the stored review. */
  @Post()
  create(@Body(new SchemaPipe(createReviewSchema)) input: CreateReviewInput): Review {
    return this.reviews.create(input);
  }
}
