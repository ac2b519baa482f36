import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Public, RequireScopes } from '@bff/auth';
import { CachePolicy, paramTag } from '@bff/caching';
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
import { ReviewClient } from '@bff/service-clients';
import { RateLimitTier } from '@bff/throttling';
import type { WebReviewPage } from '@bff/web-contracts';
import type { FastifyReply } from 'fastify';
import { FIRST_REVIEW_PAGE_SIZE } from '../product-details/product-details.service';
import { ReviewCursorPipe } from './review-cursor.pipe';

/**
 * Writing a review submits it: the answer is `202 Accepted` with the operation to
 * follow at `Location`, once the broker holds the command. The review, signed with
 * the caller's name, shows on the product page (whose cached copies are dropped
 * everywhere) when the operation reads `done`.
 */
@ApiTags('reviews')
@Controller('products/:productId/reviews')
export class ReviewsController {
  constructor(
    private readonly submissions: ReviewSubmissions,
    private readonly reviews: ReviewClient,
  ) {}

  /**
   * "More reviews" on a product page: the page after `cursor` (the page's own
   * `reviews.nextCursor`, then each page's). Public and cached like the page, and
   * dropped with it when a review is published.
   */
  @Get()
  @Public()
  @CachePolicy({ ttlSeconds: 30, scope: 'public', query: ['cursor'], tags: paramTag('product', 'productId') })
  @ApiOperation({ operationId: 'listReviews', summary: 'More reviews of a product' })
  @ApiResourceId('productId', 'The product reviewed.')
  @ApiQuery({
    name: 'cursor',
    required: false,
    description: 'The `nextCursor` of the product page’s reviews, or of the previous page; none for the first page.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
  })
  @ApiOkResponse({
    description: 'A page of reviews, newest first.',
    schema: { $ref: '#/components/schemas/WebReviewPage' },
    headers: headerRefs('ETag', 'Cache-Control', 'Vary', 'x-cache', 'RateLimit', 'RateLimit-Policy'),
  })
  @ApiProblems('INVALID_ID', 'INVALID_QUERY', 'NOT_FOUND', 'UPSTREAM_BAD_RESPONSE', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT')
  async list(
    @Param('productId', ResourceIdPipe) productId: string,
    @Query('cursor', ReviewCursorPipe) cursor: string | undefined,
  ): Promise<WebReviewPage> {
    const page = await this.reviews.listReviews({ productId, limit: FIRST_REVIEW_PAGE_SIZE, cursor });
    return { items: page.items, nextCursor: page.nextCursor };
  }

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
  @ApiOperation({
    operationId: 'submitReview',
    summary: 'Post a review',
    description:
      'Needs the scope `reviews:write`; 5 a minute per user. The answer comes once the broker holds the command; follow `Location` until the operation is `done` or `failed`.',
  })
  @ApiSecurity('bearerAuth')
  @ApiSecurity({ sessionCookie: [], csrfToken: [] })
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
