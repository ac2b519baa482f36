import type { GrpcFailure } from './grpc-call.error';

/**
 * Why an AMQP request/reply call failed, in the classifier's terms:
 *
 * - `unavailable`: not connected to the broker, or the broker handed the request back
 *   (`mandatory`: no queue, so no service, takes it);
 * - `timeout`: no reply within the try's time limit (the request itself expires on
 *   the broker then, so a late service never works on it);
 * - `bad-response`: a reply that is not JSON of the reply contract, or not the answer
 *   to what was asked;
 * - the failure a reply's own status names (404 → `not-found`), as over HTTP.
 */
export type AmqpFailure = Extract<GrpcFailure, 'not-found' | 'bad-response' | 'timeout' | 'unavailable'>;

/**
 * A failed AMQP request/reply call, reduced to what it means and whether it says the
 * service is unwell (counts against its breaker). Like `GrpcCallError`, it carries no
 * text of the service's, so nothing the service said can reach a client.
 *
 * @example
 * throw new AmqpCallError('timeout', true);
 */
export class AmqpCallError extends Error {
  override readonly name = 'AmqpCallError';

  constructor(
    readonly failure: AmqpFailure,
    readonly serviceFault: boolean,
    /** For the log: what happened, in the gateway's words (`returned`, `disconnected`, `status 503`). */
    readonly reason: string = failure,
  ) {
    super(`AMQP call failed: ${reason}`);
  }

  /**
   * The error a reply's status becomes: 404 is an answer about the request; any other
   * status is a bad response, one the breaker counts when the service says it is the
   * one failing (5xx, 429).
   *
   * @example
   * AmqpCallError.fromStatus(503); // bad-response, counted against the service
   */
  static fromStatus(status: number): AmqpCallError {
    if (status === 404) return new AmqpCallError('not-found', false, 'status 404');
    return new AmqpCallError('bad-response', status >= 500 || status === 429, `status ${status}`);
  }
}
