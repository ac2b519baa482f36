import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { type AuthenticatedUser, CurrentUser, RequireScopes } from '@bff/auth';
import type { Operation } from '@bff/contracts';
import { type ReviewDraft, reviewDraftSchema } from '@bff/downstream-contracts';
import { BodyLimit, JSON_WRITE_BODY_LIMIT, ResourceIdPipe, SchemaPipe } from '@bff/platform';
import { ReviewSubmissions, operationIdFrom } from '@bff/reviews';
import { RateLimitTier } from '@bff/throttling';
import type { FastifyReply } from 'fastify';

/**
 * Writing a review from the app submits it: `202 Accepted` with the operation to
 * follow at `Location`, once the broker holds the command. An app on a flaky network
 * sends an `Idempotency-Key` and retries with it; a retry never makes a second review.
 */
@Controller('products/:productId/reviews')
export class ReviewsController {
  constructor(private readonly submissions: ReviewSubmissions) {}

  /** Needs the scope `reviews:write`, and is limited per user by the `review-writes` tier. */
  @Post()
  @HttpCode(202)
  @BodyLimit(JSON_WRITE_BODY_LIMIT)
  @RequireScopes('reviews:write')
  @RateLimitTier('review-writes')
  async create(
    @Param('productId', ResourceIdPipe) productId: string,
    @Body(new SchemaPipe(reviewDraftSchema)) draft: ReviewDraft,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Operation> {
    const operation = await this.submissions.submit(productId, draft, user.sub, operationIdFrom(idempotencyKey));
    void reply.header('location', `/operations/${operation.id}`).header('cache-control', 'no-store');
    return operation;
  }
}
