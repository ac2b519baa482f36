import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Body limit of the JSON write routes whose schema is small (sign-in, a review): the
 * largest body their schema accepts, every character written as a six-byte `\uXXXX`
 * escape, fits in well under 16 KiB, so nothing larger is read into memory.
 */
export const JSON_WRITE_BODY_LIMIT = 16 * 1_024;

/**
 * Caps the body a route reads, in bytes, below the app-wide 1 MiB: a larger body is
 * refused with `413` problem+json as soon as its size is known (from
 * `Content-Length`, or as it streams in), before it is buffered or parsed. Merges into
 * the route's Fastify config, so it combines with other route config.
 *
 * @example
 * @Post('login')
 * @BodyLimit(JSON_WRITE_BODY_LIMIT)
 * login(@Body() body: unknown) {}
 */
export function BodyLimit(bytes: number): MethodDecorator {
  if (!Number.isInteger(bytes) || bytes < 1) throw new Error(`@BodyLimit(${bytes}): a positive whole number of bytes`);
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as object | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, bodyLimit: bytes }, handler);
    return descriptor;
  };
}

/**
 * Makes Fastify apply each route's `@BodyLimit`: Nest passes route metadata on as
 * route config, and the route's own `bodyLimit` is what Fastify's body reader obeys.
 *
 * @example
 * applyRouteBodyLimits(adapter.getInstance()); // before any route is registered
 */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number' && route.bodyLimit === undefined) route.bodyLimit = limit;
  });
}
