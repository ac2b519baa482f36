/**
 * Where an accepted command stands: `pending` until the service has acted on it,
 * then `done`, or `failed` when it could not be carried out (it was dead-lettered).
 */
export type OperationStatus = 'pending' | 'done' | 'failed';

/**
 * A command the gateway has handed to a service and the broker has confirmed:
 * the body of `202 Accepted` (with `Location: /operations/{id}`) and of
 * `GET /operations/:id`, which only the command's author can read.
 *
 * @example
 * const op: Operation = await (await fetch('/operations/k-4f1c2a9b')).json();
 * if (op.status === 'done') showReview(op.reviewId);
 */
export type Operation = {
  /** The `Idempotency-Key` the client sent, or one the gateway made. */
  id: string;
  kind: 'review.submit';
  productId: string;
} & ({ status: 'pending' } | { status: 'done'; reviewId: string } | { status: 'failed' });
