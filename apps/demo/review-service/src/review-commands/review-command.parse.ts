import {
  type ReviewFailedEvent,
  type ReviewSubmitCommand,
  reviewFailedEventSchema,
  reviewSubmitCommandSchema,
} from '@bff/downstream-contracts';

/**
 * A delivered `review.submit` body as a command, or `undefined` when it is not JSON
 * or not a command: such a body fails the same way on every delivery.
 *
 * @example
 * parseReviewCommand(Buffer.from('{'));  // undefined
 */
export function parseReviewCommand(content: Buffer): ReviewSubmitCommand | undefined {
  const result = reviewSubmitCommandSchema.safeParse(parseJson(content));
  return result.success ? result.data : undefined;
}

/**
 * The `review.failed` event a dead-lettered command stands for: its operation and
 * product, as long as the body names them validly, even when the rest of it was what
 * made the command fail. `undefined` when there is no operation to tell anyone about.
 *
 * @example
 * failedEventOf(Buffer.from('{"operationId":"k-4f1c2a9b","productId":"42","draft":{}}'));
 * // { operationId: 'k-4f1c2a9b', productId: '42' }
 */
export function failedEventOf(content: Buffer): ReviewFailedEvent | undefined {
  const body = parseJson(content);
  if (typeof body !== 'object' || body === null) return undefined;
  const { operationId, productId } = body as Record<string, unknown>;
  const result = reviewFailedEventSchema.safeParse({ operationId, productId });
  return result.success ? result.data : undefined;
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    // Not JSON is one more way of not being a command; the caller decides what that means.
    return undefined;
  }
}
