import { PROBLEM_CONTENT_TYPE, errorCatalogue, problemType, type ProblemDetails } from '@bff/problem';
import type { FastifyReply } from 'fastify';

/**
 * Why a request was turned away: every slot taken and no room in time in the queue,
 * its budget ran out while it waited, or the event loop was past the valve.
 *
 * @example
 * const reason: OverloadReason = 'queue-deadline';
 */
export type OverloadReason = 'concurrency-limit' | 'queue-deadline' | 'event-loop';

const DETAILS: Readonly<Record<OverloadReason, string>> = {
  'concurrency-limit': 'The gateway is at capacity; retry after the time given in Retry-After.',
  'queue-deadline': 'The gateway could not start this request within its time budget; retry after the time given in Retry-After.',
  'event-loop': 'The gateway is too busy to take requests; retry after the time given in Retry-After.',
};

/**
 * The `503 OVERLOADED` answer of a turned-away request, made cheap because it is sent
 * exactly when there is no CPU to spare: each body is serialized once, at start-up,
 * and no error object (nor its stack) is built per request. The problem has no
 * `instance`, so one body serves every path.
 *
 * @example
 * const overloaded = new OverloadedReply(1);
 * overloaded.send(reply, 'concurrency-limit');
 */
export class OverloadedReply {
  private readonly bodies: Readonly<Record<OverloadReason, string>>;
  private readonly retryAfter: string;

  constructor(retryAfterSeconds: number) {
    this.retryAfter = String(retryAfterSeconds);
    this.bodies = {
      'concurrency-limit': body('concurrency-limit'),
      'queue-deadline': body('queue-deadline'),
      'event-loop': body('event-loop'),
    };
  }

  /** Sets the status and headers and returns the body, for a caller that sends it itself. */
  prepare(reply: FastifyReply, reason: OverloadReason): string {
    void reply
      .code(errorCatalogue.OVERLOADED.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('retry-after', this.retryAfter)
      .header('cache-control', 'no-store');
    return this.bodies[reason];
  }

  send(reply: FastifyReply, reason: OverloadReason): void {
    void reply.send(this.prepare(reply, reason));
  }
}

function body(reason: OverloadReason): string {
  const problem: ProblemDetails = {
    type: problemType('OVERLOADED'),
    title: errorCatalogue.OVERLOADED.title,
    status: errorCatalogue.OVERLOADED.status,
    detail: DETAILS[reason],
    code: 'OVERLOADED',
    reason,
  };
  return JSON.stringify(problem);
}
