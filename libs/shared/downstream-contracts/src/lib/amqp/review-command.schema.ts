import { z } from 'zod';
import { reviewDraftSchema } from '../review-draft.schema';

/** An operation id: the client's `Idempotency-Key`, or one the gateway made. */
export const operationIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/**
 * The `review.submit` command a gateway publishes for `POST /products/:productId/reviews`
 * (persistent, `mandatory`, publisher-confirmed), with the AMQP `messageId` equal to
 * `operationId`: the review service stores one review per operation id, however often
 * the command arrives.
 *
 * @example
 * const command: ReviewSubmitCommand = {
 *   operationId: 'k-4f1c2a9b', productId: '42', authorId: 'user-1', authorName: 'Ada L.',
 *   draft: { rating: 5, title: 'Sturdy', body: 'Survived a week of camping.' },
 * };
 */
export const reviewSubmitCommandSchema = z.strictObject({
  operationId: operationIdSchema,
  productId: z.string().min(1).max(64),
  /** The signed-in user's id: who may read the operation. */
  authorId: z.string().min(1).max(256),
  /** The name the review is signed with, looked up by the gateway. */
  authorName: z.string().min(1).max(200),
  draft: reviewDraftSchema,
});

export type ReviewSubmitCommand = z.output<typeof reviewSubmitCommandSchema>;

/**
 * `review.published`: the review of an operation is stored and shows on the product's
 * pages; every gateway replica drops its cached pages of the product. Published again
 * (with the same review id) when a command is delivered twice.
 *
 * @example
 * const event: ReviewPublishedEvent = { operationId: 'k-4f1c2a9b', productId: '42', reviewId: 'r-1001' };
 */
export const reviewPublishedEventSchema = z.strictObject({
  operationId: operationIdSchema,
  productId: z.string(),
  reviewId: z.string(),
});

export type ReviewPublishedEvent = z.output<typeof reviewPublishedEventSchema>;

/**
 * `review.failed`: the command was dead-lettered after failing its delivery limit;
 * its operation reads `failed`.
 *
 * @example
 * const event: ReviewFailedEvent = { operationId: 'k-4f1c2a9b', productId: '42' };
 */
export const reviewFailedEventSchema = z.strictObject({
  operationId: operationIdSchema,
  productId: z.string(),
});

export type ReviewFailedEvent = z.output<typeof reviewFailedEventSchema>;
