import type { CanActivate, Type } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { guardHttpEdge } from '../http-edge';
import { answerMethodNotAllowed } from '../method-not-allowed';

/**
 * Where a stage runs: a Fastify hook (whose lifecycle orders stages of different hooks,
 * and registration orders stages of one hook), or a Nest enhancer inside Fastify's
 * route handler (guards in registration order, then interceptors, the handler, and the
 * exception filter for anything thrown on the way).
 */
export type PipelineStep = 'onRequest' | 'preHandler' | 'guard' | 'interceptor' | 'handler' | 'filter' | 'onSend' | 'onResponse';

/** One stage a request to a gateway passes. */
export interface PipelineStage {
  readonly name: string;
  readonly step: PipelineStep;
  /** Who installs it, so the reader knows where to look. */
  readonly installedBy: string;
}

/**
 * The gateway pipeline: every stage a request to a BFF passes, in the order it passes
 * them. This list is the one place the order is written, and the one place it is
 * applied:
 *
 * - the `onRequest` stages the adapter installs are installed by
 *   {@link installEdgeStages}, in this list's order (Fastify runs one hook's handlers
 *   in registration order; admission control is added later, at module init, and so
 *   runs after them);
 * - the guard stages come out of {@link pipelineGuards} in this list's order, and the
 *   app registers them as global guards in that order (Nest runs global guards in
 *   registration order), so an app names its guards and never orders them itself;
 * - the other stages sit where Fastify's lifecycle (`onRequest` → `preHandler` →
 *   route handler → `onSend`) or Nest's (guards → interceptors → handler, filter on
 *   a throw) puts them; `gateway-pipeline.spec.ts` drives a request through an app
 *   and pins the whole order.
 *
 * The request context is entered before the guards: it costs no interceptor hop that
 * way, and it reads the subject from the request when asked, so it has the caller the
 * identify stage verified. The limit stage runs after identify because a signed-in
 * caller gets a bucket of their own.
 *
 * Infrastructure routes (`GET /health`, `GET /ready`, marked
 * {@link INFRASTRUCTURE_ROUTE}) are registered on Fastify itself, so they never reach
 * a stage of step `guard`, `interceptor` or `filter`, and every hook stage skips them
 * but the request id and the response headers. A Nest route marked
 * `@InfrastructureRoute()` is skipped by the hook stages and the rate limiter alike
 * (the authentication guard reads `@Public()`, not the marker).
 *
 * Why not one composite guard, or interceptors that wrap each other (the way lura
 * composes a proxy)? Both would add a call per request to what Nest's guard loop
 * already does; stating their order here keeps the request path exactly as it was.
 */
export const GATEWAY_PIPELINE = [
  { name: 'request-id', step: 'onRequest', installedBy: 'createFastifyAdapter: a valid x-request-id or a new one, echoed' },
  { name: 'edge', step: 'onRequest', installedBy: 'createFastifyAdapter: malformed request lines and Host refused, @BodyLimit' },
  { name: 'method-not-allowed', step: 'onRequest', installedBy: 'createFastifyAdapter: 405 with Allow for unrouted methods' },
  { name: 'admission', step: 'onRequest', installedBy: 'AdmissionModule: 503 OVERLOADED when past the limit' },
  { name: 'context', step: 'preHandler', installedBy: 'PlatformModule: RequestContextHooks (with tracing on, the server span too)' },
  { name: 'identify', step: 'guard', installedBy: 'the app, from pipelineGuards({ identify }): the authentication guard' },
  { name: 'limit', step: 'guard', installedBy: 'the app, from pipelineGuards({ limit }): the rate-limit guard' },
  { name: 'cache', step: 'interceptor', installedBy: 'the route: @CachePolicy' },
  { name: 'handler', step: 'handler', installedBy: 'the controller' },
  { name: 'problem', step: 'filter', installedBy: 'PlatformModule: ProblemDetailsFilter' },
  { name: 'response-headers', step: 'onSend', installedBy: "x-bff-degraded, security headers, the cache's 304" },
  { name: 'access-log', step: 'onResponse', installedBy: 'bootstrapHttpApp with accessLog (the gateways): one access line per request' },
] as const satisfies readonly PipelineStage[];

/** The names of the stages that are global guards. */
export type GuardStage = Extract<(typeof GATEWAY_PIPELINE)[number], { step: 'guard' }>['name'];

/** The guard class of each guard stage. */
export type PipelineGuards = Readonly<Record<GuardStage, Type<CanActivate>>>;

/** The adapter's `onRequest` stages, by name: installed in the pipeline's order. */
const EDGE_INSTALLERS: Readonly<Record<string, (fastify: FastifyInstance) => void>> = {
  'request-id': echoRequestId,
  edge: guardHttpEdge,
  'method-not-allowed': answerMethodNotAllowed,
};

/**
 * Installs the adapter's `onRequest` stages on a new Fastify instance, in the order
 * {@link GATEWAY_PIPELINE} states.
 *
 * @example
 * installEdgeStages(adapter.getInstance()); // before any other hook or route
 */
export function installEdgeStages(fastify: FastifyInstance): void {
  for (const stage of GATEWAY_PIPELINE) EDGE_INSTALLERS[stage.name]?.(fastify);
}

/**
 * The gateway's guards in the order {@link GATEWAY_PIPELINE} states, for the app to
 * register as global guards in its root module (Nest runs the root module's global
 * guards first, in the order they are listed). Each guard is used as its module
 * provides and exports it, so the module is imported with its own global
 * registration off (`globalGuard: false`). The app, not this util lib, registers
 * them: a lib that installs gateway guards is a feature.
 *
 * @example
 * pipelineGuards({ limit: RateLimitGuard, identify: BffAuthGuard }); // [BffAuthGuard, RateLimitGuard]
 * // The web and mobile gateways' app.module.ts register each as a global guard, in this order.
 */
export function pipelineGuards(guards: PipelineGuards): Type<CanActivate>[] {
  const ordered: Type<CanActivate>[] = [];
  for (const stage of GATEWAY_PIPELINE) {
    if (stage.step === 'guard') ordered.push(guards[stage.name]);
  }
  return ordered;
}

/** Set before any guard or handler runs, so even a 401 or 429 carries the id. */
function echoRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
}
