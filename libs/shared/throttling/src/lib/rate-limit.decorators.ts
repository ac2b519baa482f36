import { SkipThrottle, type ThrottlerGenerateKeyFunction } from '@nestjs/throttler';
import 'reflect-metadata';
import { narrowedKey, type RateLimitDiscriminator } from './rate-limit.keys';

export type { RateLimitDiscriminator } from './rate-limit.keys';

export const RATE_LIMIT_TIER = 'bff:rate-limit:tier';

/**
 * The throttler name `@SkipRateLimit()` skips: it stands for every tier. Tiers are
 * skipped one by one with `@SkipThrottle({ <tier>: true })`, and `@SkipThrottle()`
 * alone skips the tier named `default`, as in @nestjs/throttler.
 */
export const EVERY_TIER = '*';

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
  /** The bucket key of this tier on this route; absent means `<tier>:<tracker>`. */
  generateKey?: ThrottlerGenerateKeyFunction;
}

/**
 * Puts a route, or every route of a controller, on a named tier of the app's
 * rate-limit options instead of the default tier. Stacked, every tier applies: they
 * are charged top to bottom, and the first one that is spent refuses the request
 * without charging those below it (so list the narrowest bucket first). The
 * method's tiers replace its controller's. Unknown tier names stop the app at
 * start-up.
 *
 * Each tier is a named throttler of `ThrottlerModule`; this decorator, not
 * `@Throttle()`, chooses them, because `@Throttle()` records one override per
 * throttler name with no order and no way to say "these tiers instead of the
 * default one" (see the README).
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
  const choice: TierChoice = options.by
    ? { tier, generateKey: narrowedKey(options.by, options.perCaller !== false) }
    : { tier };
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    const on = descriptor === undefined ? target : (descriptor.value as object);
    // Decorators run bottom-up: prepending keeps the tiers in the order they are written.
    const stacked = (Reflect.getOwnMetadata(RATE_LIMIT_TIER, on) as TierChoice[] | undefined) ?? [];
    Reflect.defineMetadata(RATE_LIMIT_TIER, [choice, ...stacked], on);
  };
}

/**
 * Exempts a route or a controller from every tier: no counting and no `RateLimit`
 * headers. For probes and scrapers (health, metrics). `@SkipThrottle()` from
 * @nestjs/throttler works too, one tier at a time.
 *
 * @example
 * @Get('metrics')
 * @SkipRateLimit()
 * metrics() {}
 */
export function SkipRateLimit(): MethodDecorator & ClassDecorator {
  return SkipThrottle({ [EVERY_TIER]: true });
}
