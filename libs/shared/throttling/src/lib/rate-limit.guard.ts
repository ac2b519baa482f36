import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { normalizeIp } from '@nestjs/throttler';
import { TrustedProxies, clientIp } from '@bff/platform';
import { BffError } from '@bff/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { RateLimitDecision } from './rate-limit-decision';
import { RATE_LIMIT_TIER, SKIP_RATE_LIMIT, TierChoice } from './rate-limit.decorators';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit.headers';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit.store';
import { ThrottlingMetrics } from './throttling.metrics';
import { ResolvedThrottlingOptions, THROTTLING_OPTIONS } from './throttling.options';

/** A request after authentication guards: the verified subject, if any, is on `user.sub`. */
export type RateLimitedRequest = FastifyRequest & { user?: { sub?: unknown } };

/**
 * Charges each request to its caller's bucket on the route's tiers and answers
 * 429 problem+json with `Retry-After` when a policy is exhausted. Every response of
 * a limited route, accepted or not, carries `RateLimit-Policy` and `RateLimit`.
 *
 * The caller is the verified subject when an authentication guard ran before this
 * one, else the client IP (IPv6 by /64, since one client owns a whole prefix).
 * `ThrottlingModule` registers it as a global guard.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  /** Routes without `@RateLimitTier`: built once, not per request. */
  private readonly defaultChoice: readonly TierChoice[];
  private readonly trustedProxies: TrustedProxies;

  constructor(
    @Inject(THROTTLING_OPTIONS) private readonly options: ResolvedThrottlingOptions,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly metrics: ThrottlingMetrics,
    private readonly reflector: Reflector,
  ) {
    this.defaultChoice = [{ tier: options.defaultTier }];
    this.trustedProxies = new TrustedProxies(options.trustedProxies);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.shouldSkip(context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<RateLimitedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const choices = this.tiersOf(context);
    // One tier (every route but a few) takes the short road: no arrays built per request.
    if (choices.length === 1) {
      return this.charge(
        request,
        reply,
        choices[0],
        rateLimitPolicyHeader(this.options.tiers[choices[0].tier]),
      );
    }
    const policyHeader = choices
      .map((choice) => rateLimitPolicyHeader(this.options.tiers[choice.tier]))
      .join(', ');
    const states: string[] = [];
    for (const choice of choices) {
      const decision = await this.consume(request, choice);
      states.push(rateLimitHeader(decision));
      if (!decision.allowed) return this.refuse(reply, decision, policyHeader, states.join(', '));
    }
    void reply.header('RateLimit-Policy', policyHeader);
    void reply.header('RateLimit', states.join(', '));
    this.metrics.allowed++;
    return true;
  }

  private async charge(
    request: RateLimitedRequest,
    reply: FastifyReply,
    choice: TierChoice,
    policyHeader: string,
  ): Promise<boolean> {
    const decision = await this.consume(request, choice);
    if (!decision.allowed) return this.refuse(reply, decision, policyHeader, rateLimitHeader(decision));
    void reply.header('RateLimit-Policy', policyHeader);
    void reply.header('RateLimit', rateLimitHeader(decision));
    this.metrics.allowed++;
    return true;
  }

  /**
   * Charges the caller's bucket of one tier: the caller (and the `by` value), or,
   * for a tier that is not per caller, the `by` value alone.
   */
  private consume(
    request: RateLimitedRequest,
    { tier, by, perCaller }: TierChoice,
  ): Promise<RateLimitDecision> {
    const narrowedBy = by ? `:by:${digest(by(request) ?? '')}` : '';
    const caller = perCaller === false ? 'any' : this.getTracker(request);
    return this.store.consume(`${tier}:${caller}${narrowedBy}`, this.options.tiers[tier]);
  }

  private refuse(
    reply: FastifyReply,
    decision: RateLimitDecision,
    policyHeader: string,
    state: string,
  ): never {
    void reply.header('RateLimit-Policy', policyHeader);
    void reply.header('RateLimit', state);
    this.metrics.limited++;
    void reply.header('Retry-After', String(decision.retryAfterSeconds));
    throw new BffError('RATE_LIMITED', `Too many requests; retry in ${decision.retryAfterSeconds} s.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
      violatedPolicies: decision.limits.filter((limit) => limit.exceeded).map((limit) => limit.policy.name),
    });
  }

  /** Routes marked `@SkipRateLimit()` and the configured `skipRoutes` (health, metrics). */
  private shouldSkip(context: ExecutionContext): boolean {
    const skip = this.reflector.getAllAndOverride<boolean | undefined>(SKIP_RATE_LIMIT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (skip) return true;
    const route = context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url;
    return route !== undefined && this.options.skipRoutes.includes(route);
  }

  /** The route's `@RateLimitTier`s (method over controller), else the default tier. */
  private tiersOf(context: ExecutionContext): readonly TierChoice[] {
    const choices = this.reflector.getAllAndOverride<TierChoice[] | undefined>(RATE_LIMIT_TIER, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (choices === undefined) return this.defaultChoice;
    // ThrottlingModule has checked every route at start-up; should one slip through,
    // it fails loudly rather than going unlimited.
    for (const choice of choices) {
      if (!Object.hasOwn(this.options.tiers, choice.tier)) {
        throw new Error(`Unknown rate-limit tier "${choice.tier}"`);
      }
    }
    return choices;
  }

  /**
   * Whose bucket a request goes to. Subjects are hashed so that identifiers (often
   * e-mail addresses) do not sit in Redis in clear; `X-Forwarded-For` counts only
   * from trusted proxies, so a client cannot pick its own bucket.
   */
  private getTracker(request: RateLimitedRequest): string {
    const subject = request.user?.sub;
    if ((typeof subject === 'string' && subject !== '') || typeof subject === 'number') {
      return `sub:${digest(String(subject))}`;
    }
    return `ip:${normalizeIp(clientIp(request, this.trustedProxies))}`;
  }
}

/** 128 bits of SHA-256: short keys, no collisions in practice, nothing readable. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}
