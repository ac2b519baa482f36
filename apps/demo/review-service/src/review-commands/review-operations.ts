import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

/**
 * Operations remembered: far more than a gateway can have in flight between a
 * command's first delivery and its last redelivery, few enough to stay a small,
 * fixed amount of memory.
 */
export const REMEMBERED_OPERATIONS = 10_000;

/**
 * Which review each processed operation stored, so a command delivered again (a
 * redelivery, or a gateway publishing twice) stores nothing new and names the review
 * it already has. In memory, like the reviews themselves: both start over together.
 *
 * @example
 * operations.remember('k-4f1c2a9b', '42-31');
 * operations.reviewOf('k-4f1c2a9b'); // '42-31'
 */
@Injectable()
export class ReviewOperations {
  private readonly reviewIds = new LRUCache<string, string>({ max: REMEMBERED_OPERATIONS });

  reviewOf(operationId: string): string | undefined {
    return this.reviewIds.get(operationId);
  }

  remember(operationId: string, reviewId: string): void {
    this.reviewIds.set(operationId, reviewId);
  }
}
