import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { normalizeIp } from '@nestjs/throttler';
import { clientIp } from '@bff/platform';
import { BffError } from '@bff/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { RATE_LIMIT_TIER, SKIP_RATE_LIMIT, TierChoice } from './rate-limit.decorators';
import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit.headers';
import { RATE_LIMIT_STORE, RateLimitStore } from './rate-limit.store';
import { ThrottlingMetrics } from './throttling.metrics';
import { ResolvedThrottlingOptions, THROTTLING_OPTIONS } from './throttling.options';

/** A request after authentication guards: the verified subject, if any, is on `user.sub`. */
export type RateLimitedRequest = FastifyRequest & { user?: { sub?: unknown } };

/**
 * Charges each request to its caller's bucket on the route's tier and answers
 * 429 problem+json with `Retry-After` when a policy is exhausted. Every response of
 * a limited route, accepted or not, carries `RateLimit-Policy` and `RateLimit`.
 *
 * The caller is the verified subject when an authentication guard ran before this
 * one, else the client IP (IPv6 by /64, since one client owns a whole prefix).
 * `ThrottlingModule` registers it as a global guard.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(THROTTLING_OPTIONS) private readonly options: ResolvedThrottlingOptions,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly metrics: ThrottlingMetrics,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.shouldSkip(context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<RateLimitedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { tier, by } = this.tierOf(context);
    const policies = this.options.tiers[tier];
    const narrowedBy = by ? `:by:${digest(by(request) ?? '')}` : '';

    const decision = await this.store.consume(`${tier}:${this.getTracker(request)}${narrowedBy}`, policies);
    void reply.header('RateLimit-Policy', rateLimitPolicyHeader(policies));
    void reply.header('RateLimit', rateLimitHeader(decision));
    if (decision.allowed) {
      this.metrics.allowed++;
      return true;
    }
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

  /** The route's `@RateLimitTier` (method over controller), else the default tier. */
  private tierOf(context: ExecutionContext): TierChoice {
    const choice = this.reflector.getAllAndOverride<TierChoice | undefined>(RATE_LIMIT_TIER, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (choice === undefined) return { tier: this.options.defaultTier };
    // ThrottlingModule has checked every route at start-up; should one slip through,
    // it fails loudly rather than going unlimited.
    if (!Object.hasOwn(this.options.tiers, choice.tier)) {
      throw new Error(`Unknown rate-limit tier "${choice.tier}"`);
    }
    return choice;
  }

  /**
   * Whose bucket a request goes to. Subjects are hashed so that identifiers (often
   * e-mail addresses) do not sit in Redis in clear; `X-Forwarded-For` counts only
   * within the trusted proxy hops, so a client cannot pick its own bucket.
   */
  private getTracker(request: RateLimitedRequest): string {
    const subject = request.user?.sub;
    if ((typeof subject === 'string' && subject !== '') || typeof subject === 'number') {
      return `sub:${digest(String(subject))}`;
    }
    return `ip:${normalizeIp(clientIp(request, this.options.trustedProxyHops))}`;
  }
}

/** 128 bits of SHA-256: short keys, no collisions in practice, nothing readable. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}
