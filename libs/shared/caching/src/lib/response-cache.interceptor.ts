import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { BffError } from '@bff/problem';
import { childTraceContext, RequestContext } from '@bff/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { defer, lastValueFrom, Observable } from 'rxjs';
import { audienceOf } from './cache-audience';
import { cacheKey, canonicalPath, canonicalQuery } from './cache-key';
import { CACHE_POLICY, CachePolicyMetadata } from './cache-policy';
import type { CacheableRequest } from './cacheable-request';
import { ageOf, CachedResponse, freshnessOf, retentionMs } from './cached-response';
import { CACHING_OPTIONS, ResolvedCachingOptions } from './caching.options';
import { CacheMetrics } from './cache.metrics';
import { matchesIfNoneMatch, strongEtag } from './etag';
import { withKeyedHeaders } from './keyed-headers';
import { MissCoalescer } from './miss-coalescer';
import { answerNotModified } from './not-modified.hook';
import { ResponseCacheStore } from './response-cache.store';

type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

const SHARED_VARY = ['Accept-Language'];
const USER_VARY = ['Accept-Language', 'Authorization', 'Cookie'];

/** A background refresh holds its replica-wide lease at most this long. */
const REFRESH_LEASE_MS = 10_000;

interface CacheCall {
  request: FastifyRequest;
  reply: FastifyReply;
  next: CallHandler;
  policy: CachePolicyMetadata;
  /** The subject the entry is private to; undefined for the shared entry. */
  subject: string | undefined;
  key: string;
  tags: readonly string[];
  /** The request's context, which answers it. */
  context: RequestContext;
  /** The only request headers the handler may see: those in the key. */
  visibleHeaders: IncomingHttpHeaders;
}

/** What a handler call produced: a storable entry, or a value only its own caller may receive. */
type Outcome = { shareable: true; entry: CachedResponse } | { shareable: false; value: unknown };

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
      this.metrics.record('bypassed');
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
      this.metrics.record('bypassed');
      return this.passThrough(reply, next);
    }
    const userSubject = audience.kind === 'user' ? audience.subject : undefined;
    const tags = usableTags(policy.tags(request as unknown as CacheableRequest));
    if (tags === undefined) {
      // Tags come from request data the route has not validated yet (pipes run after
      // interceptors): let the handler answer, typically with its own 400.
      this.metrics.record('bypassed');
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
      this.metrics.record('bypassed');
      return this.fetch(call, 'BYPASS');
    }
    const entry = await this.store.read(call.key);
    if (entry !== undefined) {
      const now = Date.now();
      switch (freshnessOf(entry, now)) {
        case 'fresh':
          this.metrics.record('hits');
          return this.send(call, entry, 'HIT', now);
        case 'stale-while-revalidate':
          this.metrics.record('stale');
          this.refreshAfterResponse(call);
          return this.send(call, entry, 'STALE', now);
        case 'stale-if-error':
          try {
            return await this.fetch(call, 'MISS');
          } catch (error) {
            if (!isServerError(error)) throw error;
            this.metrics.record('stale');
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
    if (status === 'MISS') this.metrics.record(flight.leader ? 'misses' : 'coalesced');
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
      const entry: CachedResponse = { ...representation, etag: strongEtag(representation.body), storedAt: Date.now(), ttl, swr, sie };
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
      this.logger.warn(`Background refresh of ${call.request.url.split('?')[0]} failed: ${describe(error)}`);
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
      this.metrics.record('notModified');
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

/** The context a handler runs in: the request's own for a user's entry, one with no identity for a shared one. */
function handlerContext(call: CacheCall): RequestContext {
  return call.subject === undefined ? call.context.withoutIdentity() : call.context;
}

/** The headers the handler may see: the language that is keyed, plus credentials when the entry is the user's own. */
function visibleHeaders(headers: IncomingHttpHeaders, acceptLanguage: string | undefined, perUser: boolean): IncomingHttpHeaders {
  const visible: IncomingHttpHeaders = {};
  if (acceptLanguage !== undefined) visible['accept-language'] = acceptLanguage;
  if (perUser) {
    if (headers.authorization !== undefined) visible.authorization = headers.authorization;
    if (headers.cookie !== undefined) visible.cookie = headers.cookie;
  }
  return visible;
}

/**
 * The route itself answered with another status, a cookie or `Cache-Control: no-store`/`private`.
 * (Once the reply is sent, as for a background refresh, nothing the handler does reaches it.)
 */
function replyForbidsStoring(reply: FastifyReply): boolean {
  if (reply.sent) return false;
  const cacheControl = reply.getHeader('cache-control');
  return (
    reply.statusCode !== 200 ||
    reply.getHeader('set-cookie') !== undefined ||
    (typeof cacheControl === 'string' && /\b(no-store|private)\b/i.test(cacheControl))
  );
}

/**
 * `Cache-Control` of a served entry. An entry is served many times and its policy
 * never changes, so the header is built once per entry and audience.
 */
function cacheControlOf(entry: CachedResponse, audience: 'public' | 'private'): string {
  const memo = audience === 'public' ? publicCacheControl : privateCacheControl;
  let header = memo.get(entry);
  if (header === undefined) {
    header = [
      audience,
      `max-age=${Math.floor(entry.ttl)}`,
      ...(entry.swr > 0 ? [`stale-while-revalidate=${Math.floor(entry.swr)}`] : []),
      ...(entry.sie > 0 ? [`stale-if-error=${Math.floor(entry.sie)}`] : []),
    ].join(', ');
    memo.set(entry, header);
  }
  return header;
}

const publicCacheControl = new WeakMap<CachedResponse, string>();
const privateCacheControl = new WeakMap<CachedResponse, string>();

const VARY_HEADERS = new Map<readonly string[], string>([
  [SHARED_VARY, SHARED_VARY.join(', ')],
  [USER_VARY, USER_VARY.join(', ')],
]);

/** Adds to whatever `Vary` is already set (CORS adds `Origin`, for one) instead of replacing it. */
function withVary(current: unknown, names: readonly string[]): string {
  if (current === undefined) return VARY_HEADERS.get(names) ?? names.join(', ');
  const present = (Array.isArray(current) ? current.join(',') : typeof current === 'string' ? current : '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const missing = names.filter((name) => !present.some((existing) => existing.toLowerCase() === name.toLowerCase()));
  return [...present, ...missing].join(', ');
}

/** The bytes a handler's value is sent as, or undefined for values that are not stored (streams, buffers, nothing). */
function represent(value: unknown, reply: FastifyReply): { body: string; contentType: string } | undefined {
  if (value === undefined || value instanceof StreamableFile || Buffer.isBuffer(value)) return undefined;
  if (typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  const declared = reply.getHeader('content-type');
  if (typeof value === 'string') {
    return { body: value, contentType: typeof declared === 'string' ? declared : 'text/plain; charset=utf-8' };
  }
  return { body: JSON.stringify(value), contentType: typeof declared === 'string' ? declared : 'application/json; charset=utf-8' };
}

/** The tags, or `undefined` when one is not a string of 1 to 256 characters. */
function usableTags(tags: readonly string[]): readonly string[] | undefined {
  return tags.every((tag) => typeof tag === 'string' && tag.length > 0 && tag.length <= 256) ? tags : undefined;
}

/** Failures the stale copy may stand in for: 5xx and anything unexpected; never a 4xx (the resource may be gone). */
function isServerError(error: unknown): boolean {
  if (error instanceof BffError) return error.status >= 500;
  if (error instanceof HttpException) return error.getStatus() >= 500;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status >= 500 : true;
}

function describe(error: unknown): string {
  if (error instanceof BffError) return error.code;
  return error instanceof Error ? error.message : String(error);
}
