/**
 * One quota of a rate-limit tier: at most `limit` requests per `windowSeconds`,
 * enforced as a GCRA (see `gcra.ts`): a caller may spend the whole quota at once,
 * and one more request becomes available every `windowSeconds / limit`.
 *
 * `name` identifies the quota in the `RateLimit-Policy` and `RateLimit` headers.
 *
 * @example
 * const tier: TierPolicy[] = [
 *   { name: 'burst', limit: 20, windowSeconds: 1 },
 *   { name: 'minute', limit: 600, windowSeconds: 60 },
 * ];
 */
export interface TierPolicy {
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Policy names travel as Structured Field strings; this keeps them free of escapes. */
export const POLICY_NAME = /^[A-Za-z0-9_-]{1,32}$/;
