import { Body, Controller, Param, Post } from '@nestjs/common';
import { type AuthenticatedUser, CurrentUser, RequireScopes } from '@bff/auth';
import { InvalidatesCache, paramTag } from '@bff/caching';
import { type ReviewDraft, reviewDraftSchema } from '@bff/downstream-contracts';
import type { MobileReviewReceipt } from '@bff/mobile-contracts';
import { BodyLimit, JSON_WRITE_BODY_LIMIT, ResourceIdPipe, SchemaPipe } from '@bff/platform';
import { ReviewPublisher } from '@bff/reviews';
import { RateLimitTier } from '@bff/throttling';

/**
 * Writing a review from the app; the answer is a receipt, not an echo of the text
 * the app already has. Cached product screens showing the product are dropped everywhere.
 */
@Controller('products/:productId/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewPublisher) {}

  /** Needs the scope `reviews:write`, and is limited per user by the `review-writes` tier. */
  @Post()
  @BodyLimit(JSON_WRITE_BODY_LIMIT)
  @RequireScopes('reviews:write')
  @RateLimitTier('review-writes')
  @InvalidatesCache(paramTag('product', 'productId'))
  async create(
    @Param('productId', ResourceIdPipe) productId: string,
    @Body(new SchemaPipe(reviewDraftSchema)) draft: ReviewDraft,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<MobileReviewReceipt> {
    const { id, rating, createdAt } = await this.reviews.publish(productId, draft, user.sub);
    return { id, rating, createdAt };
  }
}
