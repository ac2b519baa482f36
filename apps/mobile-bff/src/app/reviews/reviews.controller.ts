import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, RequireScopes } from '@bff/auth';
import type { Operation } from '@bff/contracts';
import { type ReviewDraft, reviewDraftSchema } from '@bff/downstream-contracts';
import {
  ApiProblems,
  ApiResourceId,
  BodyLimit,
  JSON_WRITE_BODY_LIMIT,
  ResourceIdPipe,
  SchemaPipe,
  headerRefs,
} from '@bff/platform';
import { ReviewSubmissions, operationIdFrom } from '@bff/reviews';
import { RateLimitTier } from '@bff/throttling';
import type { FastifyReply } from 'fastify';

/**
 * Writing a review from the app submits it: `202 Accepted` with the operation to
 * follow at `Location`, once the broker holds the command. An app on a flaky network
 * sends an `Idempotency-Key` and retries with it; a retry never makes a second review.
 */
@ApiTags('reviews')
@Controller('products/:productId/reviews')
export class ReviewsController {
  constructor(private readonly submissions: ReviewSubmissions) {}

  /** Needs the scope `reviews:write`, and is limited per user by the `review-writes` tier. */
  @Post()
  @HttpCode(202)
  @BodyLimit(JSON_WRITE_BODY_LIMIT)
  @RequireScopes('reviews:write')
  @RateLimitTier('review-writes')
  @ApiOperation({
    operationId: 'submitReview',
    summary: 'Post a review',
    description:
      'Needs the scope `reviews:write`; 5 a minute per user. The answer comes once the broker holds the command; follow `Location` until the operation is `done` or `failed`.',
  })
  @ApiSecurity('bearerAuth')
  @ApiResourceId('productId', 'The product reviewed.')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Makes a retry answer the same operation instead of a second review; bare or quoted.',
    schema: { type: 'string', pattern: '^"?[A-Za-z0-9_-]{8,64}"?$' },
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/ReviewDraft' } })
  @ApiAcceptedResponse({
    description: 'Accepted: the command is with the broker.',
    schema: { $ref: '#/components/schemas/Operation' },
    headers: headerRefs('Location', 'Cache-Control', 'RateLimit', 'RateLimit-Policy'),
  })
  @ApiProblems(
    'INVALID_ID',
    'UNAUTHORIZED',
    'FORBIDDEN',
    'NOT_FOUND',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'IDEMPOTENCY_KEY_REUSED',
    'UPSTREAM_BAD_RESPONSE',
    'UPSTREAM_UNAVAILABLE',
    'UPSTREAM_TIMEOUT',
  )
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
