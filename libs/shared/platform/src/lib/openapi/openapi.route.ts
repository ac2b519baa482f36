import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { INFRASTRUCTURE_ROUTE } from '../infrastructure-route';

/** The document an app serves, and whether it serves it. */
export interface OpenApiRouteOptions {
  document: object;
  enabled: boolean;
}

export const OPENAPI_ROUTE_OPTIONS = Symbol('OPENAPI_ROUTE_OPTIONS');

/**
 * `GET /openapi.json`: the app's API description, as committed beside it (the
 * bundle carries it; a spec keeps it equal to what the code describes). Serialized
 * once at start-up. An infrastructure route, registered on Fastify beneath the Nest
 * pipeline like `/health`: no authentication, rate limit or cache applies to it.
 */
@Injectable()
export class OpenApiRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(OPENAPI_ROUTE_OPTIONS) private readonly options: OpenApiRouteOptions,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!this.options.enabled || typeof fastify?.route !== 'function') return;
    const body = JSON.stringify(this.options.document);
    fastify.route({
      method: 'GET',
      url: '/openapi.json',
      config: INFRASTRUCTURE_ROUTE,
      handler: (_request, reply) => {
        void reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('cache-control', 'no-cache');
        return reply.send(body);
      },
    });
  }
}
