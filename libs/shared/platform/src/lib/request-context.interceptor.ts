import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { clientIp } from './client-ip';
import { RequestContext } from './request-context';
import { childTraceContext } from './trace-context';
import { TRUSTED_PROXY_HOPS } from './trusted-proxy-hops.token';

const ACCEPT_LANGUAGE = /^[A-Za-z0-9*,;=. -]{1,256}$/;

/**
 * Runs each HTTP handler inside its {@link RequestContext}. Guards have run by now,
 * so the verified subject (if any) is on `request.user`. Parts the handler marked
 * degraded are listed in `x-bff-degraded`.
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  constructor(@Inject(TRUSTED_PROXY_HOPS) private readonly trustedProxyHops: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { sub?: unknown } }>();
    const acceptLanguage = request.headers['accept-language'];
    const subject = request.user?.sub;
    const requestContext = new RequestContext({
      requestId: request.id,
      clientIp: clientIp(request, this.trustedProxyHops),
      ...childTraceContext(request.headers['traceparent'], request.headers['tracestate']),
      ...(typeof acceptLanguage === 'string' && ACCEPT_LANGUAGE.test(acceptLanguage) ? { acceptLanguage } : {}),
      ...(typeof subject === 'string' ? { subject } : {}),
    });
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // One Observable and a plain observer rather than an operator chain: this runs on every request.
    return new Observable((subscriber) =>
      RequestContext.run(requestContext, () =>
        next.handle().subscribe({
          next(value) {
            const degraded = requestContext.degradedParts;
            if (degraded.length > 0) void reply.header('x-bff-degraded', degraded.join(', '));
            subscriber.next(value);
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        }),
      ),
    );
  }
}
