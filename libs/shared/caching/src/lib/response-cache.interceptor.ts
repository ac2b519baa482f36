import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { childTraceContext, RequestContext } from '@bff/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { defer, lastValueFrom, Observable } from 'rxjs';
import { audienceOf } from './cache-audience';
import { type CacheCall, handlerContext, type Outcome, usableTags } from './cache-call';
import { type CacheStatus, cacheControlOf, SHARED_VARY, USER_VARY, withVary } from './cache-headers';
import { cacheKey, canonicalPath, canonicalQuery } from './cache-key';
import { CACHE_POLICY, CachePolicyMetadata } from './cache-policy';
import type { CacheableRequest } from './cacheable-request';
import { ageOf, CachedResponse, freshnessOf, retentionMs } from './cached-response';
import { CACHING_OPTIONS, type ResolvedCachingOptions } from './caching.options';
import { CacheMetrics } from './cache.metrics';
import { matchesIfNoneMatch, pageEtag } from './etag';
import { describeFailure, isServerError } from './handler-failure';
import { visibleHeaders, withKeyedHeaders } from './keyed-headers';
import { MissCoalescer } from './miss-coalescer';
import { answerNotModified } from './not-modified.hook';
import { ResponseCacheStore } from './response-cache.store';
import { represent, replyForbidsStoring } from './stored-representation';

/** A background refresh holds its replica-wide lease at most this long. */
const REFRESH_LEASE_MS = 10_000;

/**
 * Serves routes marked with `@CachePolicy`. It runs inside the request context
 * (route interceptors run after global ones), so it sees the verified subject and
 * whatever the handler's downstream calls reported through `markUncacheable`.
 *
 * A `public` route's handler runs with no identity, whoever asked: in
 * `RequestContext.withoutIdentity()` (so no `x-user-id` goes downstream), without
 * `request.user` and with only the keyed headers. Its answer is the same for every
 * caller, so one entry serves signed-in and anonymous callers alike; rate limits
 * (guards, which ran before) still count the verified caller.
 *
 * Order of decisions for a GET/HEAD: reject undeclared query parameters; decide the
 * audience (everyone, one user, or not cacheable); look the key up; serve it fresh
 * (HIT), or stale while one background refresh runs (STALE), or call the handler,
 * with concurrent misses on the key sharing that one call (MISS), falling back to
 * the stale copy if the handler fails within the stale-if-error window (STALE).
 *
 * A background refresh replays the handler of the request that found the entry
 * stale: that request's own `next.handle()` was not used to answer it, so it is
 * subscribed once the response has gone out, in a fresh request context carrying
 * the same subject (none for a shared entry) and language, with only keyed headers visible.
 */
@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  private readonly logger = new Logger('ResponseCache');
  private warnedNoContext = false;

  constructor(
    private readonly reflector: Reflector,
    private readonly store: ResponseCacheStore,
    private readonly coalescer: MissCoalescer,
    private readonly metrics: CacheMetrics,
    @Inject(CACHING_OPTIONS) private readonly options: ResolvedCachingOptions,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const policy = this.reflector.getAllAndOverride<CachePolicyMetadata | undefined>(CACHE_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (policy === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return next.handle();
    const status: unknown = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler());
    if (status !== undefined && status !== 200) return next.handle();
    const query = canonicalQuery(request.query, policy.query);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    if (!this.options.enabled) {
      this.metrics.record('bypassed', request.routeOptions.url);
      return defer(() => this.passThrough(reply, next));
    }
    return defer(() => this.serve(request, reply, next, policy, query));
  }

  private async serve(
    request: FastifyRequest,
    reply: FastifyReply,
    next: CallHandler,
    policy: CachePolicyMetadata,
    query: string,
  ): Promise<unknown> {
    const context = RequestContext.current();
    if (context === undefined) {
      this.warnNoContextOnce();
      return this.passThrough(reply, next);
    }
    const { acceptLanguage } = context.data;
    const audience = audienceOf({ scope: policy.scope, subject: context.data.subject });
    if (audience.kind === 'none') {
      this.metrics.record('bypassed', request.routeOptions.url);
      return this.passThrough(reply, next);
    }
    const userSubject = audience.kind === 'user' ? audience.subject : undefined;
    const tags = usableTags(policy.tags(request as unknown as CacheableRequest));
    if (tags === undefined) {
      // Tags come from request data the route has not validated yet (pipes run after
      // interceptors): let the handler answer, typically with its own 400.
      this.metrics.record('bypassed', request.routeOptions.url);
      return this.passThrough(reply, next);
    }
    const call: CacheCall = {
      request,
      reply,
      next,
      policy,
      subject: userSubject,
      key: cacheKey(this.options.keyPrefix, {
        client: this.options.client,
        path: canonicalPath(request.url),
        query,
        language: acceptLanguage ?? '',
        subject: userSubject,
      }),
      tags,
      context,
      visibleHeaders: visibleHeaders(request.headers, acceptLanguage, userSubject !== undefined),
    };

    if (!this.store.available) {
      this.metrics.record('bypassed', request.routeOptions.url);
      return this.fetch(call, 'BYPASS');
    }
    const entry = await this.store.read(call.key);
    if (entry !== undefined) {
      const now = Date.now();
      switch (freshnessOf(entry, now)) {
        case 'fresh':
          this.metrics.record('hits', request.routeOptions.url);
          return this.send(call, entry, 'HIT', now);
        case 'stale-while-revalidate':
          this.metrics.record('stale', request.routeOptions.url);
          this.refreshAfterResponse(call);
          return this.send(call, entry, 'STALE', now);
        case 'stale-if-error':
          try {
            return await this.fetch(call, 'MISS');
          } catch (error) {
            if (!isServerError(error)) throw error;
            this.metrics.record('stale', request.routeOptions.url);
            return this.send(call, entry, 'STALE', Date.now());
          }
        case 'expired':
          break;
      }
    }
    return this.fetch(call, 'MISS');
  }

  /** Calls the handler once per key at a time; callers arriving meanwhile share the result. */
  private async fetch(call: CacheCall, status: 'MISS' | 'BYPASS'): Promise<unknown> {
    const flight = this.coalescer.join(call.key, () => this.fetchAndStore(call, handlerContext(call)));
    if (status === 'MISS') this.metrics.record(flight.leader ? 'misses' : 'coalesced', call.request.routeOptions.url);
    const outcome = await flight.result;
    if (outcome.shareable) return this.send(call, outcome.entry, status, Date.now());
    if (flight.leader) return this.sendUnshared(call, outcome.value);
    // The leader's response may not reach anyone else (e.g. a downstream marked it private): make our own call.
    return this.sendUnshared(call, await this.invoke(call, handlerContext(call)));
  }

  private async fetchAndStore(call: CacheCall, context: RequestContext): Promise<Outcome> {
    const write = await this.store.beginWrite(call.tags);
    try {
      const value = await this.invoke(call, context);
      const storable = context.uncacheableReason === undefined && !replyForbidsStoring(call.reply);
      const representation = storable ? represent(value, call.reply) : undefined;
      if (representation === undefined) return { shareable: false, value };
      const { ttlSeconds: ttl, staleWhileRevalidateSeconds: swr, staleIfErrorSeconds: sie } = call.policy;
      const entry: CachedResponse = { ...representation, etag: pageEtag(representation.body), storedAt: Date.now(), ttl, swr, sie };
      await this.store.commit(write, call.key, entry, retentionMs(call.policy));
      return { shareable: true, entry };
    } finally {
      this.store.endWrite(write);
    }
  }

  private invoke(call: CacheCall, context: RequestContext): Promise<unknown> {
    return withKeyedHeaders(call.request, call.visibleHeaders, call.subject === undefined, () =>
      RequestContext.run(context, () => lastValueFrom(call.next.handle(), { defaultValue: undefined })),
    );
  }

  private refreshAfterResponse(call: CacheCall): void {
    if (this.coalescer.inFlight(call.key)) return;
    const start = () => void this.refresh(call);
    const raw = call.reply.raw;
    // Started only once the stale response is out: the refresh hides unkeyed headers
    // from the request, which the reply hooks must still see.
    if (raw.writableFinished || raw.destroyed) setImmediate(start);
    else raw.once('close', start);
  }

  private async refresh(call: CacheCall): Promise<void> {
    const lease = call.key.slice(this.options.keyPrefix.length);
    if (this.coalescer.inFlight(call.key) || !(await this.store.tryLock(lease, REFRESH_LEASE_MS))) return;
    // Same caller, language and subject as the request that found the entry stale; its own id and trace.
    const context = new RequestContext({
      ...handlerContext(call).data,
      requestId: randomUUID(),
      tracestate: undefined,
      ...childTraceContext(undefined, undefined),
    });
    try {
      const flight = this.coalescer.join(call.key, () => this.fetchAndStore(call, context));
      if (flight.leader) await flight.result;
    } catch (error) {
      this.logger.warn(`Background refresh of ${call.request.url.split('?')[0]} failed: ${describeFailure(error)}`);
    } finally {
      await this.store.unlock(lease);
    }
  }

  private send(call: CacheCall, entry: CachedResponse, status: CacheStatus, now: number): string {
    const { request, reply } = call;
    void reply
      .header('content-type', entry.contentType)
      .header('etag', entry.etag)
      .header('cache-control', cacheControlOf(entry, call.subject === undefined ? 'public' : 'private'))
      .header('vary', withVary(reply.getHeader('vary'), call.subject === undefined ? SHARED_VARY : USER_VARY))
      .header('x-cache', status);
    if (status === 'HIT' || status === 'STALE') void reply.header('age', String(ageOf(entry, now)));
    if (matchesIfNoneMatch(request.headers['if-none-match'], entry.etag)) {
      this.metrics.record('notModified', request.routeOptions.url);
      answerNotModified(request);
    }
    return entry.body;
  }

  private sendUnshared(call: CacheCall, value: unknown): unknown {
    void call.reply.header('cache-control', 'private, no-store').header('x-cache', 'MISS');
    return value;
  }

  private async passThrough(reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const value = await lastValueFrom(next.handle(), { defaultValue: undefined });
    void reply.header('cache-control', 'private, no-store').header('x-cache', 'BYPASS');
    return value;
  }

  private warnNoContextOnce(): void {
    if (this.warnedNoContext) return;
    this.warnedNoContext = true;
    this.logger.warn('No RequestContext (is PlatformModule imported?): cached routes are passed through');
  }
}
