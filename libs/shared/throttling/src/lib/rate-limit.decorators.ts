import { CustomDecorator, SetMetadata } from '@nestjs/common';
import 'reflect-metadata';
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
  /**
   * `false` counts requests per `by` value alone, whoever sends them: one bucket per
   * account, however many addresses the guesses come from. Default `true` (per caller).
   */
  perCaller?: boolean;
}

/** What `@RateLimitTier` records and the guard reads. */
export interface TierChoice {
  tier: string;
  by?: RateLimitDiscriminator;
  /** Absent means per caller; `false` is one bucket per `by` value shared by every caller. */
  perCaller?: false;
}

/**
 * Puts a route, or every route of a controller, on a named tier of the app's
 * rate-limit options instead of the default tier. Stacked, every tier applies: they
 * are charged top to bottom, and the first one that is spent refuses the request
 * without charging those below it (so list the narrowest bucket first). The
 * method's tiers replace its controller's. Unknown tier names stop the app at
 * start-up.
 *
 * @example
 * @Post('login')
 * @RateLimitTier('login', { by: bodyField('username') })                     // per IP and account
 * @RateLimitTier('login-ip')                                                  // per IP, any account
 * @RateLimitTier('login-account', { by: bodyField('username'), perCaller: false }) // per account, any IP
 * login(@Body() credentials: Credentials) {}
 */
export function RateLimitTier(
  tier: string,
  options: RateLimitTierOptions = {},
): ClassDecorator & MethodDecorator {
  const choice: TierChoice = {
    tier,
    ...(options.by ? { by: options.by } : {}),
    ...(options.perCaller === false ? { perCaller: false } : {}),
  };
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const on = descriptor === undefined ? target : (descriptor.value as object);
    // Decorators run bottom-up: prepending keeps the tiers in the order they are written.
    const stacked = (Reflect.getOwnMetadata(RATE_LIMIT_TIER, on) as TierChoice[] | undefined) ?? [];
    Reflect.defineMetadata(RATE_LIMIT_TIER, [choice, ...stacked], on);
  };
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
