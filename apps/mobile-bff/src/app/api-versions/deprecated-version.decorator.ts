import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyRequest } from 'fastify';

/** The versions of the mobile API that are deprecated; each has its dates and note in the config. */
export type DeprecatedVersion = 'v1';

/**
 * Marks a route as serving a deprecated version of the API: its answers carry
 * `Deprecation`, `Sunset` and `Link` (see `DeprecationHeadersHook`). The mark lives in
 * the Fastify route config, so the hook reads it before any guard or the response
 * cache runs: a cache hit, a 304 and a 429 are announced like a 200.
 *
 * @example
 * @Get('v1/product-details/:productId')
 * @Deprecated('v1')
 * getV1() {}
 */
export function Deprecated(version: DeprecatedVersion): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as object | undefined) ?? {};
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, deprecatedVersion: version }, handler);
    return descriptor;
  };
}

/** The deprecated version a request's route serves, if any. */
export function deprecatedVersionOf(request: FastifyRequest): DeprecatedVersion | undefined {
  return (request.routeOptions.config as { deprecatedVersion?: DeprecatedVersion } | undefined)
    ?.deprecatedVersion;
}
