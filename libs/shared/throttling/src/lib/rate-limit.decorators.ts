import { CustomDecorator, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export const RATE_LIMIT_TIER = 'bff:rate-limit:tier';
export const SKIP_RATE_LIMIT = 'bff:rate-limit:skip';

/**
 * Reads a value from the request that narrows the caller's bucket (e.g. a username).
 *
 * @example
 * const byAccount: RateLimitDiscriminator = (request) => (request.params as { accountId?: string }).accountId;
 */
export type RateLimitDiscriminator = (request: FastifyRequest) => string | undefined;

export interface RateLimitTierOptions {
  /**
   * Count requests per caller *and* this value: the login tier is per (IP,
   * username), so a spray of guesses at one account is stopped without locking out
   * other people behind the same NAT. The value is hashed into the key.
   *
   * The client chooses this value, so each new value is a fresh quota: use it where
   * a per-value limit is the point (one account's passwords), not to save quota.
   */
  by?: RateLimitDiscriminator;
}

/** What `@RateLimitTier` records and the guard reads. */
export interface TierChoice {
  tier: string;
  by?: RateLimitDiscriminator;
}

/**
 * Puts a route, or every route of a controller, on a named tier of the app's
 * rate-limit options instead of the default tier. The method's choice wins over its
 * controller's. Unknown tier names stop the app at start-up.
 *
 * @example
 * @Post('login')
 * @RateLimitTier('login', { by: bodyField('username') })
 * login(@Body() credentials: Credentials) {}
 */
export function RateLimitTier(tier: string, options: RateLimitTierOptions = {}): CustomDecorator<string> {
  const choice: TierChoice = { tier, ...(options.by ? { by: options.by } : {}) };
  return SetMetadata(RATE_LIMIT_TIER, choice);
}

/**
 * Exempts a route or a controller from rate limiting: no counting and no
 * `RateLimit` headers. For probes and scrapers (health, metrics).
 *
 * @example
 * @Get('metrics')
 * @SkipRateLimit()
 * metrics() {}
 */
export function SkipRateLimit(): CustomDecorator<string> {
  return SetMetadata(SKIP_RATE_LIMIT, true);
}
