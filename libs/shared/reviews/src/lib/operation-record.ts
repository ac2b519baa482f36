import type { Operation } from '@bff/contracts';
import type { ReviewDraft } from '@bff/downstream-contracts';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * What the gateway keeps of an accepted command: the public {@link Operation} plus
 * who may read it and a fingerprint of what was asked, so a replayed
 * `Idempotency-Key` can be told from a reused one.
 */
export const operationRecordSchema = z.object({
  id: z.string(),
  kind: z.literal('review.submit'),
  productId: z.string(),
  authorId: z.string(),
  fingerprint: z.string(),
  status: z.enum(['pending', 'done', 'failed']),
  reviewId: z.string().optional(),
});

export type OperationRecord = z.output<typeof operationRecordSchema>;

/** How an operation ends, as the review events say. */
export type OperationOutcome = { status: 'done'; reviewId: string } | { status: 'failed' };

/**
 * The request a `review.submit` operation stands for, as a SHA-256 of the product and
 * the validated (trimmed) draft, fields in a fixed order so key order in the JSON
 * the client sent does not matter.
 */
export function reviewFingerprint(productId: string, draft: ReviewDraft): string {
  return createHash('sha256')
    .update(JSON.stringify([productId, draft.rating, draft.title, draft.body]))
    .digest('base64url');
}

/** The record as its author reads it: nothing of who wrote it or how it is matched. */
export function toOperation(record: OperationRecord): Operation {
  const { id, kind, productId } = record;
  if (record.status === 'done' && record.reviewId !== undefined)
    return { id, kind, productId, status: 'done', reviewId: record.reviewId };
  if (record.status === 'failed') return { id, kind, productId, status: 'failed' };
  return { id, kind, productId, status: 'pending' };
}

/**
 * The record after `outcome`: `done` is final (a review exists), `failed` only ends
 * a pending operation. `undefined` when nothing changes.
 */
export function settled(record: OperationRecord, outcome: OperationOutcome): OperationRecord | undefined {
  if (record.status === 'done') return undefined;
  if (outcome.status === 'failed')
    return record.status === 'pending' ? { ...record, status: 'failed' } : undefined;
  return { ...record, status: 'done', reviewId: outcome.reviewId };
}
