import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerGenerateKeyFunction,
  type ThrottlerGetTrackerFunction,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import { TrustedProxies, clientIp, isInfrastructureRoute } from '@bff/platform';
import { BffError } from '@bff/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GcraStorage } from './gcra.storage';
import type { RateLimitDecision } from './rate-limit-decision';
import { EVERY_TIER, RATE_LIMIT_TIER, TierChoice } from './rate-limit.decorators';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit.headers';
import { digest, tierKey } from './rate-limit.keys';
import { ThrottlingMetrics } from './throttling.metrics';
import { type ResolvedThrottlingOptions, THROTTLING_OPTIONS } from './throttling.options';

/** A request after authentication guards: the verified subject, if any, is on `user.sub`. */
export type RateLimitedRequest = FastifyRequest & { user?: { sub?: unknown } };

/** @nestjs/throttler's metadata key of `@SkipThrottle()`, followed by the throttler name (not exported). */
const THROTTLER_SKIP = 'THROTTLER:SKIP';

/** What a route charges on one tier, fixed once per route; the request adds its context. */
interface TierRequest extends Omit<ThrottlerRequest, 'context'> {
  /** A stacked tier after the first: its state joins the `RateLimit` field of those before it. */
  readonly joinsState: boolean;
}

/** A route's tiers in the order they are charged, worked out on its first request. */
interface RoutePlan {
  readonly controller: object;
  /** Empty when the route is not limited. */
  readonly tiers: readonly TierRequest[];
  readonly policyHeader: string;
}

/** What `throwThrottlingException` receives: the stock detail of a GCRA decision. */
type RateLimitDetail = ThrottlerLimitDetail & RateLimitDecision;

/** The answer of every guard call that limits nothing: one settled promise, not one per request. */
const ALLOWED = Promise.resolve(true);

/**
 * The `ThrottlerGuard` of the BFFs. Charges each request to its caller's bucket on
 * the route's tiers (each a named throttler) and answers 429 problem+json with
 * `Retry-After` when a policy is exhausted. Every response of a limited route,
 * accepted or not, carries `RateLimit-Policy` and `RateLimit` instead of the stock
 * `X-RateLimit-*` fields.
 *
 * Overrides `getTracker` (the verified subject when an authentication guard ran
 * before this one, else the client IP, IPv6 by /64), `generateKey` (`<tier>:<tracker>`,
 * no hash per request), `handleRequest` (one tier: storage, headers) and
 * `throwThrottlingException` (the problem body). `canActivate` is its own: it charges
 * the route's `@RateLimitTier`s in the order written and stops at the first refusal,
 * where the stock guard charges every registered throttler. Infrastructure routes
 * (marked `INFRASTRUCTURE_ROUTE`, e.g. by `@InfrastructureRoute()`) and the paths of
 * `skipRoutes` are never limited. It is the `limit` stage of the gateway pipeline (`pipelineGuards`), or
 * registered globally by `ThrottlingModule`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly trustedProxies: TrustedProxies;
  /** Per handler; `RoutePlan.controller` tells apart a handler inherited by two controllers. */
  private readonly plans = new WeakMap<object, RoutePlan>();
  /** `getTracker` without the promise the stock signature wraps it in. */
  private readonly tracker: ThrottlerGetTrackerFunction = (request) =>
    this.trackerOf(request as RateLimitedRequest);
  /** `generateKey` as a function, for routes whose `@RateLimitTier` does not narrow the key. */
  private readonly keyOf: ThrottlerGenerateKeyFunction = (context, tracker, tier) =>
    this.generateKey(context, tracker, tier);

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly storage: GcraStorage,
    reflector: Reflector,
    @Inject(THROTTLING_OPTIONS) private readonly throttling: ResolvedThrottlingOptions,
    private readonly metrics: ThrottlingMetrics,
  ) {
    super(options, storage, reflector);
    this.trustedProxies = new TrustedProxies(throttling.trustedProxies);
  }

  override canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return ALLOWED;
    const request = context.getArgByIndex<FastifyRequest>(0);
    if (isInfrastructureRoute(request)) return ALLOWED;
    const route = request.routeOptions.url;
    if (route !== undefined && this.throttling.skipRoutes.includes(route)) return ALLOWED;
    const plan = this.planOf(context);
    return plan.tiers.length === 0 ? ALLOWED : this.charge(context, plan);
  }

  /** Charges one tier of the route and writes its state; refuses through `throwThrottlingException`. */
  protected override async handleRequest(request: ThrottlerRequest & TierRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const name = throttler.name as string;
    const pending = getTracker(context.getArgByIndex(0), context);
    const tracker = typeof pending === 'string' ? pending : await pending;
    const key = generateKey(context, tracker, name);
    const record = await this.storage.increment(key, ttl, limit, blockDuration, name);
    const reply = context.getArgByIndex<FastifyReply>(1);
    const state = rateLimitHeader(record);
    void reply.header('RateLimit', request.joinsState ? `${reply.getHeader('RateLimit')}, ${state}` : state);
    this.metrics.decided(name, record.isBlocked);
    if (record.isBlocked) {
      void reply.header('Retry-After', String(record.timeToBlockExpire));
      await this.throwThrottlingException(context, { ...record, limit, ttl, key, tracker });
    }
    return true;
  }

  /**
   * Whose bucket a request goes to. Subjects are hashed so that identifiers (often
   * e-mail addresses) do not sit in Redis in clear; `X-Forwarded-For` counts only
   * from trusted proxies, so a client cannot pick its own bucket.
   */
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(this.trackerOf(request as unknown as RateLimitedRequest));
  }

  protected override generateKey(context: ExecutionContext, tracker: string, tier: string): string {
    return tierKey(context, tracker, tier);
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    { retryAfterSeconds, limits }: RateLimitDetail,
  ): Promise<void> {
    this.metrics.limited++;
    throw new BffError('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
      violatedPolicies: limits.filter((limit) => limit.exceeded).map((limit) => limit.policy.name),
    });
  }

  private async charge(context: ExecutionContext, plan: RoutePlan): Promise<boolean> {
    void context.getArgByIndex<FastifyReply>(1).header('RateLimit-Policy', plan.policyHeader);
    for (const tier of plan.tiers) await this.handleRequest({ context, ...tier });
    this.metrics.allowed++;
    return true;
  }

  private trackerOf(request: RateLimitedRequest): string {
    const subject = request.user?.sub;
    if ((typeof subject === 'string' && subject !== '') || typeof subject === 'number') {
      return `sub:${digest(String(subject))}`;
    }
    return `ip:${normalizeIp(clientIp(request, this.trustedProxies), this.ipv6SubnetPrefix)}`;
  }

  private planOf(context: ExecutionContext): RoutePlan {
    const handler = context.getHandler();
    const controller = context.getClass();
    const known = this.plans.get(handler);
    if (known?.controller === controller) return known;
    const plan = this.plan(handler, controller);
    if (known === undefined) this.plans.set(handler, plan);
    return plan;
  }

  /**
   * The route's `@RateLimitTier`s (method over controller) or else the default tier,
   * less those `@SkipThrottle()` names; none under `@SkipRateLimit()`.
   */
  private plan(handler: object, controller: object): RoutePlan {
    const targets = [handler, controller] as [() => void, () => void];
    const skipped = (name: string) =>
      this.reflector.getAllAndOverride<boolean | undefined>(THROTTLER_SKIP + name, targets);
    if (skipped(EVERY_TIER)) return { controller, tiers: [], policyHeader: '' };
    const choices: readonly TierChoice[] = this.reflector.getAllAndOverride<TierChoice[] | undefined>(
      RATE_LIMIT_TIER,
      targets,
    ) ?? [{ tier: this.throttling.defaultTier }];
    // ThrottlingModule has checked every route at start-up; should one slip through,
    // it fails loudly rather than going unlimited.
    for (const { tier } of choices) {
      if (!Object.hasOwn(this.throttling.tiers, tier)) throw new Error(`Unknown rate-limit tier "${tier}"`);
    }
    const charged = choices.filter(({ tier }) => !skipped(tier));
    const tiers = charged.map(({ tier, generateKey }, index): TierRequest => {
      const [first] = this.throttling.tiers[tier];
      const ttl = first.windowSeconds * 1000;
      return {
        throttler: this.throttlers.find((throttler) => throttler.name === tier) ?? {
          name: tier,
          limit: first.limit,
          ttl,
        },
        limit: first.limit,
        ttl,
        blockDuration: ttl,
        getTracker: this.tracker,
        generateKey: generateKey ?? this.keyOf,
        joinsState: index > 0,
      };
    });
    const policyHeader = charged
      .map(({ tier }) => rateLimitPolicyHeader(this.throttling.tiers[tier]))
      .join(', ');
    return { controller, tiers, policyHeader };
  }
}
