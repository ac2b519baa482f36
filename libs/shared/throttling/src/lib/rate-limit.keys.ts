import type { ThrottlerGenerateKeyFunction } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * Reads a value from the request that narrows the caller's bucket (e.g. a username).
 *
 * @example
 * const byAccount: RateLimitDiscriminator = (request) => (request.params as { accountId?: string }).accountId;
 */
export type RateLimitDiscriminator = (request: FastifyRequest) => string | undefined;

/**
 * 128 bits of SHA-256: short keys, no collisions in practice, nothing readable.
 * Only values that would otherwise sit in Redis in clear go through it (subjects,
 * `by` values); a plain bucket key is a concatenation, no hash per request.
 */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}

/**
 * The bucket of a caller on a tier: `<tier>:<tracker>`, e.g. `default:ip:10.0.0.7`.
 *
 * @example
 * tierKey(context, 'sub:3q2-7w', 'default'); // 'default:sub:3q2-7w'
 */
export const tierKey: ThrottlerGenerateKeyFunction = (_context, tracker, tier) => `${tier}:${tracker}`;

/**
 * A key generator that narrows the bucket by a value of the request:
 * `<tier>:<tracker>:by:<hash>`, or `<tier>:any:by:<hash>` when the tier counts per
 * value whoever sends it (`perCaller: false`).
 *
 * @example
 * const perAccount = narrowedKey(bodyField('email'), false);
 */
export function narrowedKey(by: RateLimitDiscriminator, perCaller: boolean): ThrottlerGenerateKeyFunction {
  // getArgByIndex rather than switchToHttp(), which attaches three new closures to the context on each call.
  const value = (context: Parameters<ThrottlerGenerateKeyFunction>[0]) =>
    digest(by(context.getArgByIndex<FastifyRequest>(0)) ?? '');
  return perCaller
    ? (context, tracker, tier) => `${tier}:${tracker}:by:${value(context)}`
    : (context, _tracker, tier) => `${tier}:any:by:${value(context)}`;
}
