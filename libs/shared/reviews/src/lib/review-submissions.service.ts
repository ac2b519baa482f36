import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Operation } from '@bff/contracts';
import type { ReviewDraft, ReviewSubmitCommand } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { ProductClient, UserClient } from '@bff/service-clients';
import { type OperationRecord, reviewFingerprint, toOperation } from './operation-record';
import { OPERATION_STORE, type OperationStore } from './operation.store';
import { ReviewCommandPublisher } from './review-command.publisher';

/**
 * Submits a shopper's review, for any BFF, as a `review.submit` command: the product
 * and the author's display name are looked up in parallel first (a review of a
 * product that does not exist is a 404, not an orphan), then the operation is
 * recorded as `pending` and the command published; the answer is the operation once
 * the broker has confirmed it. A publish that fails withdraws the record, so a 503
 * leaves nothing behind and the client can send the same request again.
 *
 * The operation id is the client's `Idempotency-Key` (or one the gateway made up).
 * Sent again by the same author with the same review, it answers the same operation
 * and publishes the command again while it is pending (the review service stores
 * one review per operation id, so a second delivery changes nothing; and a first
 * request still waiting for its confirm cannot leave the second with an operation
 * that is then withdrawn). Sent by another author, or with another review, it is a
 * 422 `IDEMPOTENCY_KEY_REUSED`.
 *
 * @example
 * const operation = await submissions.submit('42', { rating: 5, title: 'Sturdy', body: 'Great.' }, user.sub, 'k-4f1c2a9b');
 * operation.status; // 'pending'
 */
@Injectable()
export class ReviewSubmissions {
  private readonly logger = new Logger('ReviewSubmissions');

  constructor(
    private readonly products: ProductClient,
    private readonly users: UserClient,
    private readonly publisher: ReviewCommandPublisher,
    @Inject(OPERATION_STORE) private readonly operations: OperationStore,
  ) {}

  /** `authorId` is the signed-in user's id; `operationId` comes from `operationIdFrom`. */
  async submit(
    productId: string,
    draft: ReviewDraft,
    authorId: string,
    operationId: string,
  ): Promise<Operation> {
    const [, author] = await Promise.all([this.products.getProduct(productId), this.users.getUser(authorId)]);
    const record: OperationRecord = {
      id: operationId,
      kind: 'review.submit',
      productId,
      authorId,
      fingerprint: reviewFingerprint(productId, draft),
      status: 'pending',
    };
    const command: ReviewSubmitCommand = { operationId, productId, authorId, authorName: author.name, draft };
    const existing = await this.operations.claim(record);
    if (existing === undefined) {
      await this.publishOrWithdraw(command);
      return toOperation(record);
    }
    if (existing.authorId !== authorId || existing.fingerprint !== record.fingerprint) throw keyReused();
    if (existing.status === 'pending') {
      await this.publisher.publish(command);
      // The first request may have failed and withdrawn the record meanwhile; this one succeeded.
      await this.operations.claim(record);
    }
    return toOperation(existing);
  }

  private async publishOrWithdraw(command: ReviewSubmitCommand): Promise<void> {
    try {
      await this.publisher.publish(command);
    } catch (error) {
      await this.operations.delete(command.operationId).catch(() => {
        // It expires with its TTL; a retry with the same key meanwhile finds it pending and publishes again.
        this.logger.warn(`Operation ${command.operationId} could not be withdrawn after a failed publish`);
      });
      throw error;
    }
  }
}

function keyReused(): BffError {
  return new BffError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for another request; use a new key for a new review.',
    { header: 'Idempotency-Key' },
  );
}
