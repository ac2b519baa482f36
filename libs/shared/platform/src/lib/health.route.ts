import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { INFRASTRUCTURE_ROUTE } from './infrastructure-route';
import { SERVICE_NAME } from './service-name.token';

export interface HealthReport {
  status: 'ok';
  service: string;
  uptimeSeconds: number;
}

/**
 * Liveness: `GET /health` answers as long as the process serves HTTP.
 *
 * An infrastructure route, so it is registered on Fastify itself rather than as a
 * Nest controller: probes arrive every few seconds from every balancer, carry no
 * credentials and must keep answering when the gateway is busiest, so they skip
 * the whole edge pipeline (authentication, rate limits, request context, cache,
 * problem filter) instead of asking every guard and interceptor to recognise them.
 * It is marked {@link INFRASTRUCTURE_ROUTE}, so the platform's request hooks skip it
 * too; Fastify's own `x-request-id` hook still runs.
 */
@Injectable()
export class HealthRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // Only HTTP apps on Fastify have routes; a standalone context has nothing to register on.
    if (typeof fastify?.route !== 'function') return;
    fastify.route({
      method: 'GET',
      url: '/health',
      config: INFRASTRUCTURE_ROUTE,
      schema: { response: { 200: HEALTH_REPORT_SCHEMA } },
      handler: (_request, reply) => {
        void reply.header('cache-control', 'no-store');
        return this.report();
      },
    });
  }

  report(): HealthReport {
    return { status: 'ok', service: this.service, uptimeSeconds: Math.round(process.uptime()) };
  }
}

/** Serialized by schema (fast-json-stringify), like every hot infrastructure answer. */
const HEALTH_REPORT_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    service: { type: 'string' },
    uptimeSeconds: { type: 'integer' },
  },
  required: ['status', 'service', 'uptimeSeconds'],
} as const;
