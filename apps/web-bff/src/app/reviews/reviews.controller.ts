import { Body, Controller, Param, Post } from '@nestjs/common';
import { type AuthenticatedUser, CurrentUser, RequireScopes } from '@bff/auth';
import { InvalidatesCache, paramTag } from '@bff/caching';
import { type ReviewDraft, reviewDraftSchema } from '@bff/downstream-contracts';
import { BodyLimit, JSON_WRITE_BODY_LIMIT, ResourceIdPipe, SchemaPipe } from '@bff/platform';
import { ReviewPublisher } from '@bff/reviews';
import { RateLimitTier } from '@bff/throttling';
import type { WebReview } from '@bff/web-contracts';

/** Writing a review signs it with the caller's name; cached product pages showing it are dropped everywhere. */
@Controller('products/:productId/reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewPublisher) {}

  /**
   * Needs the scope `reviews:write` (a web session carries it: the browser app is
   * the gateway's own), and is limited per user by the `review-writes` tier.
   */
  @Post()
  @BodyLimit(JSON_WRITE_BODY_LIMIT)
  @RequireScopes('reviews:write')
  @RateLimitTier('review-writes')
  @InvalidatesCache(paramTag('product', 'productId'))
  create(
    @Param('productId', ResourceIdPipe) productId: string,
    @Body(new SchemaPipe(reviewDraftSchema)) draft: ReviewDraft,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<WebReview> {
    return this.reviews.publish(productId, draft, user.sub);
  }
}
