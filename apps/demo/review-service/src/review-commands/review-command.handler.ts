import { Injectable } from '@nestjs/common';
import type { ReviewPublishedEvent, ReviewSubmitCommand } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { ReviewsService } from '../reviews/reviews.service';
import { ReviewOperations } from './review-operations';

/**
 * What processing one command came to: its review is stored (now or by an earlier
 * delivery) and `review.published` says so, or the command can never succeed (its
 * product does not exist) and is dead-lettered without further attempts.
 */
export type CommandOutcome =
  { kind: 'published'; event: ReviewPublishedEvent } | { kind: 'rejected'; reason: string };

/**
 * Stores the review of a `review.submit` command, once per operation id. Checking the
 * operation and storing the review happen in one synchronous step, so two deliveries
 * of one command processed side by side still store a single review. Anything thrown
 * is a failure worth retrying; the queue's delivery limit bounds the retries.
 *
 * @example
 * const outcome = handler.handle(command);
 * if (outcome.kind === 'published') await publish(REVIEW_EVENTS.published, outcome.event);
 */
@Injectable()
export class ReviewCommandHandler {
  constructor(
    private readonly reviews: ReviewsService,
    private readonly operations: ReviewOperations,
  ) {}

  handle(command: ReviewSubmitCommand): CommandOutcome {
    const { operationId, productId } = command;
    const known = this.operations.reviewOf(operationId);
    if (known !== undefined) return { kind: 'published', event: { operationId, productId, reviewId: known } };
    try {
      const review = this.reviews.create({ productId, ...command.draft, author: command.authorName });
      this.operations.remember(operationId, review.id);
      return { kind: 'published', event: { operationId, productId, reviewId: review.id } };
    } catch (error) {
      // A client error (the product does not exist) fails the same way every time.
      if (error instanceof BffError && error.status < 500) return { kind: 'rejected', reason: error.code };
      throw error;
    }
  }
}
