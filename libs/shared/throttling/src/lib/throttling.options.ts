import { TrustedProxies } from '@bff/platform';
import { POLICY_NAME, TierPolicy } from './tier-policy';

/**
 * How an app limits its callers; returned by the factory given to
 * `ThrottlingModule.forRootAsync`.
 *
 * @example
 * const options: ThrottlingOptions = {
 *   tiers: {
 *     default: [{ name: 'burst', limit: 20, windowSeconds: 1 }, { name: 'minute', limit: 600, windowSeconds: 60 }],
 *     login: [{ name: 'login', limit: 5, windowSeconds: 60 }],
 *   },
 *   defaultTier: 'default',
 *   trustedProxies: ['10.0.0.0/8'],
 *   redisUrl: 'redis://127.0.0.1:6379',
 *   keyPrefix: 'mobile-bff:rl:',
 * };
 */
export interface ThrottlingOptions {
  /** Named tiers; every policy of a tier applies to each request on it. */
  tiers: Readonly<Record<string, readonly TierPolicy[]>>;
  /** The tier of routes without `@RateLimitTier`. */
  defaultTier: string;
  /**
   * Addresses or CIDR ranges of the proxies in front of the app (`TRUSTED_PROXIES`):
   * `X-Forwarded-For` is read only when the peer is one of them. Default: none.
   */
  trustedProxies?: readonly string[];
  /** Shared state for all replicas; without it each process limits on its own. */
  redisUrl?: string;
  /** Prefix of every Redis key; replicas of one app share it, different apps must not. */
  keyPrefix: string;
  /**
   * Route paths never limited, as declared (not as requested), besides infrastructure
   * routes, which are never limited whatever their path (mark a Nest route with
   * `@InfrastructureRoute()` from `@bff/platform`). Default: `/health`, `/metrics`.
   */
  skipRoutes?: readonly string[];
  /** Cap on callers remembered by the in-memory limiter. Default: 50,000 (about 15 MB). */
  maxLocalKeys?: number;
}

export type ResolvedThrottlingOptions = Required<Omit<ThrottlingOptions, 'redisUrl'>> &
  Pick<ThrottlingOptions, 'redisUrl'>;

/** DI token of the resolved options. */
export const THROTTLING_OPTIONS = Symbol('THROTTLING_OPTIONS');

const DEFAULT_SKIP_ROUTES = ['/health', '/metrics'];
const DEFAULT_MAX_LOCAL_KEYS = 50_000;

/**
 * Applies defaults and rejects options that would misbehave at request time, so a
 * bad configuration stops the app at start-up with every problem named.
 */
export function resolveThrottlingOptions(options: ThrottlingOptions): ResolvedThrottlingOptions {
  const problems: string[] = [];
  if (!Object.hasOwn(options.tiers, options.defaultTier)) {
    problems.push(`defaultTier "${options.defaultTier}" is not one of the tiers`);
  }
  for (const [tier, policies] of Object.entries(options.tiers)) {
    if (policies.length === 0) problems.push(`tier "${tier}" has no policy`);
    const names = new Set<string>();
    for (const policy of policies) {
      if (!POLICY_NAME.test(policy.name))
        problems.push(`tier "${tier}": policy name "${policy.name}" must match ${POLICY_NAME}`);
      if (names.has(policy.name)) problems.push(`tier "${tier}": policy "${policy.name}" appears twice`);
      names.add(policy.name);
      if (!Number.isInteger(policy.limit) || policy.limit < 1)
        problems.push(`tier "${tier}": "${policy.name}" limit must be a positive integer`);
      if (!Number.isInteger(policy.windowSeconds) || policy.windowSeconds < 1) {
        problems.push(`tier "${tier}": "${policy.name}" windowSeconds must be a positive integer`);
      }
    }
  }
  const trustedProxies = options.trustedProxies ?? [];
  try {
    new TrustedProxies(trustedProxies);
  } catch (error) {
    problems.push(`trustedProxies: ${(error as Error).message}`);
  }
  if (options.keyPrefix === '') problems.push('keyPrefix must not be empty');
  const maxLocalKeys = options.maxLocalKeys ?? DEFAULT_MAX_LOCAL_KEYS;
  if (!Number.isInteger(maxLocalKeys) || maxLocalKeys < 1)
    problems.push('maxLocalKeys must be a positive integer');
  if (problems.length > 0) throw new Error(`Invalid rate-limit options:\n  - ${problems.join('\n  - ')}`);
  return { ...options, trustedProxies, skipRoutes: options.skipRoutes ?? DEFAULT_SKIP_ROUTES, maxLocalKeys };
}
