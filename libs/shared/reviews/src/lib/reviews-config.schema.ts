import { millis } from '@bff/config';
import { z } from 'zod';

/**
 * The variables of review commands, to spread into a gateway's config schema next to
 * `amqpConfigShape()` and `redisConfigShape()`:
 *
 * - `REVIEW_COMMAND_CONFIRM_TIMEOUT_MS`: how long a `POST /products/:productId/reviews`
 *   waits for the broker to confirm its command before answering 503 (default 2 s).
 * - `OPERATION_TTL_SECONDS`: how long an operation can be read, and its
 *   `Idempotency-Key` replayed, after it was accepted (default 24 h).
 *
 * @example
 * const schema = z.object({ ...amqpConfigShape(), ...reviewCommandsConfigShape() });
 */
export function reviewCommandsConfigShape() {
  return {
    REVIEW_COMMAND_CONFIRM_TIMEOUT_MS: millis(2_000),
    OPERATION_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .default(86_400),
  };
}
