import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyRequest, RouteOptions } from 'fastify';

/**
 * Route config of infrastructure routes (health, readiness, metrics): the one marker
 * every stage of the gateway pipeline honours (see `GATEWAY_PIPELINE`). The platform's
 * own are served by Fastify beneath the Nest pipeline, so no guard, interceptor or
 * filter ever sees them; every request hook the platform adds skips them, and the
 * rate limiter skips a Nest route marked {@link InfrastructureRoute}.
 *
 * @example
 * fastify.route({ method: 'GET', url: '/health', config: INFRASTRUCTURE_ROUTE, handler });
 */
export const INFRASTRUCTURE_ROUTE = Object.freeze({ infrastructure: true });

/**
 * Marks a Nest route as an infrastructure route ({@link INFRASTRUCTURE_ROUTE} in its
 * Fastify route config), for one that cannot be served by Fastify itself. Merges into
 * the route's config, so it combines with `@BodyLimit`. The authentication guard does
 * not read the marker: an unauthenticated probe route is also `@Public()`. The route
 * stays out of the app's API description (`/openapi.json`): it is for operators.
 *
 * @example
 * @Get('metrics')
 * @Public()
 * @InfrastructureRoute()
 * metrics() {}
 */
export function InfrastructureRoute(): MethodDecorator {
  const undocumented = ApiExcludeEndpoint();
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as object | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, ...INFRASTRUCTURE_ROUTE }, handler);
    undocumented(target, key, descriptor);
    return descriptor;
  };
}

/** Is this request for an infrastructure route (see {@link INFRASTRUCTURE_ROUTE})? */
export function isInfrastructureRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as RouteOptions['config'] & { infrastructure?: boolean })?.infrastructure === true;
}
