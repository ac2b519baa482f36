import { BffError } from '@bff/problem';

/**
 * Why the broker did not take a command:
 *
 * - `broker-unavailable`: no connection (or no channel) to RabbitMQ right now;
 * - `no-consumer`: the broker had no queue for it (the consuming service has not declared
 *   it, or it was deleted) and returned it;
 * - `rejected`: the broker refused it (a `nack`, e.g. its queue is full) or the channel
 *   closed before it answered;
 * - `confirm-timeout`: no answer within `REVIEW_COMMAND_CONFIRM_TIMEOUT_MS`.
 */
export type CommandUnavailableReason = 'broker-unavailable' | 'no-consumer' | 'rejected' | 'confirm-timeout';

/** RabbitMQ connections are retried every second; a client coming back after two finds most outages over. */
export const COMMAND_RETRY_AFTER_SECONDS = 2;

// The broker may still have taken a command it did not confirm in time; resent with the same key, it counts once.
const DETAIL: Record<CommandUnavailableReason, string> = {
  'broker-unavailable':
    'The message broker is unavailable; send the request again later, with the same Idempotency-Key.',
  'no-consumer':
    'No service is taking reviews right now; send the request again later, with the same Idempotency-Key.',
  rejected:
    'The message broker did not accept the review; send the request again later, with the same Idempotency-Key.',
  'confirm-timeout':
    'The message broker did not confirm the review in time; send the request again later, with the same Idempotency-Key.',
};

/**
 * 503 `UPSTREAM_UNAVAILABLE` for a command the broker did not take, with the reason
 * and `Retry-After`: the client may send the same request, with the same
 * `Idempotency-Key`, again.
 *
 * @example
 * throw commandUnavailable('no-consumer');
 */
export function commandUnavailable(reason: CommandUnavailableReason, cause?: unknown): BffError {
  return new BffError(
    'UPSTREAM_UNAVAILABLE',
    DETAIL[reason],
    { service: 'broker', reason, retryAfterSeconds: COMMAND_RETRY_AFTER_SECONDS },
    cause === undefined ? undefined : { cause },
  );
}
