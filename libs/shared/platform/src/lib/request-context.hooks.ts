import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from './client-ip';
import { isInfrastructureRoute } from './infrastructure-route';
import { RequestContext, type RequestContextData } from './request-context';
import { LanguageNegotiator } from './request-context.language';
import { childTraceContext } from './trace-context';
import { RequestTracer, type RequestSpan } from './tracing/request-tracer';
import { TrustedProxies } from './trusted-proxies';

const CONTEXT = Symbol('bff.requestContext');
const SPAN = Symbol('bff.requestSpan');

type ContextRequest = FastifyRequest & { user?: { sub?: unknown }; [CONTEXT]?: RequestContext; [SPAN]?: RequestSpan };

/**
 * Runs every routed request inside its {@link RequestContext}, and lists the parts a
 * handler marked degraded in `x-bff-degraded`.
 *
 * The context is entered from Fastify's `preHandler` hook, the last step before the
 * route's handler and after any body was read, rather than from a Nest interceptor:
 * Nest's guards, interceptors, pipes and the handler then all run inside it, and
 * the request pays for no interceptor hop (on Node 24 each one costs several
 * `AsyncResource` bindings and an rxjs chain, measured at tens of microseconds).
 * The verified subject is read from `request.user` when asked for, so it is there
 * as soon as the authentication guard has put it there. `Accept-Language` is reduced
 * to the one supported language the request is answered in (see
 * {@link LanguageNegotiator}): that is what the cache keys and services receive.
 *
 * With a {@link RequestTracer} (tracing on), the same hook starts the request's
 * server span, from the time the request arrived, continuing a valid incoming
 * `traceparent`; the context then carries that span's ids, so the access line's
 * `traceId` is the span's, and the rest of the pipeline runs with it current. The
 * span ends in `onResponse`, with the route template and the status sent. Without
 * one, the context makes up the gateway's span id itself and no hook more is added.
 */
@Injectable()
export class RequestContextHooks implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly trustedProxies: TrustedProxies,
    private readonly languages: LanguageNegotiator,
    @Optional() @Inject(RequestTracer) private readonly tracer?: RequestTracer | null,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.addHook !== 'function') return;
    fastify.addHook('preHandler', (request: ContextRequest, reply: FastifyReply, done: () => void) => {
      if (isInfrastructureRoute(request)) return done();
      const span = this.tracer?.start(request, reply.elapsedTime);
      const context = new RequestContext(this.dataOf(request, span));
      request[CONTEXT] = context;
      RequestContext.enter(context);
      if (span === undefined) return done();
      request[SPAN] = span;
      span.enter(done);
    });
    if (this.tracer) {
      fastify.addHook('onResponse', (request: ContextRequest, reply: FastifyReply, done: () => void) => {
        request[SPAN]?.end(request.routeOptions.url, reply.statusCode);
        done();
      });
    }
    fastify.addHook('onSend', (request: ContextRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
      const degraded = request[CONTEXT]?.degradedParts;
      // As a successful answer's annotation only: an error says what went wrong on its own.
      if (degraded !== undefined && degraded.length > 0 && reply.statusCode < 400) {
        void reply.header('x-bff-degraded', degraded.join(', '));
      }
      done(null, payload);
    });
  }

  private dataOf(request: ContextRequest, span: RequestSpan | undefined): RequestContextData {
    const { headers } = request;
    const acceptLanguage = headers['accept-language'];
    const trace = span ?? childTraceContext(headers['traceparent'], headers['tracestate']);
    const data: RequestContextData = {
      requestId: request.id,
      clientIp: clientIp(request, this.trustedProxies),
      traceparent: trace.traceparent,
      acceptLanguage: this.languages.negotiate(typeof acceptLanguage === 'string' ? acceptLanguage : undefined),
      get subject() {
        const subject = request.user?.sub;
        return typeof subject === 'string' ? subject : undefined;
      },
    };
    if (trace.tracestate !== undefined) data.tracestate = trace.tracestate;
    return data;
  }
}

/**
 * The context a request ran in, for what runs after its handler (the access log);
 * `undefined` for an infrastructure route or a request answered before `preHandler`.
 *
 * @example
 * const degraded = requestContextOf(request)?.degradedParts ?? [];
 */
export function requestContextOf(request: FastifyRequest): RequestContext | undefined {
  return (request as ContextRequest)[CONTEXT];
}
