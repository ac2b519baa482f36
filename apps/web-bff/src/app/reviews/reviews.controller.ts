import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { type AuthenticatedUser, CurrentUser, RequireScopes } from '@bff/auth';
import type { Operation } from '@bff/contracts';
import { type ReviewDraft, reviewDraftSchema } from '@bff/downstream-contracts';
import { BodyLimit, JSON_WRITE_BODY_LIMIT, ResourceIdPipe, SchemaPipe } from '@bff/platform';
import { ReviewSubmissions, operationIdFrom } from '@bff/reviews';
import { RateLimitTier } from '@bff/throttling';
import type { FastifyReply } from 'fastify';

/**
 * Writing a review submits it: the answer is `202 Accepted` with the operation to
 * follow at `Location`, once the broker holds the command. The review, signed with
 * the caller's name, shows on the product page (whose cached copies are dropped
 * everywhere) when the operation reads `done`.
 */
@Controller('products/:productId/reviews')
export class ReviewsController {
  constructor(private readonly submissions: ReviewSubmissions) {}

  /**
   * Needs the scope `reviews:write` (a web session carries it: the browser app is
   * the gateway's own), and is limited per user by the `review-writes` tier. An
   * `Idempotency-Key` makes a retry answer the same operation instead of a second review.
   */
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
