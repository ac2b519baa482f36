import type { FastifyRequest, RouteOptions } from 'fastify';

/**
 * Route config of infrastructure routes (health, metrics): served by Fastify beneath
 * the Nest pipeline, and skipped by every request hook the platform adds.
 *
 * @example
 * fastify.route({ method: 'GET', url: '/health', config: INFRASTRUCTURE_ROUTE, handler });
 */
export const INFRASTRUCTURE_ROUTE = Object.freeze({ infrastructure: true });

/** Is this request for an infrastructure route (see {@link INFRASTRUCTURE_ROUTE})? */
export function isInfrastructureRoute(request: FastifyRequest): boolean {
  return (request.routeOptions.config as RouteOptions['config'] & { infrastructure?: boolean })?.infrastructure === true;
}
