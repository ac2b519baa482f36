import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { INFRASTRUCTURE_ROUTE } from '../infrastructure-route';
import { HttpServerDrain } from '../shutdown/http-server-drain';
import { AdmissionHooks } from './admission.hooks';
import { ReadinessDependencies, type DependencyState } from './readiness-dependencies';

export interface ReadinessReport {
  status: 'ready' | 'overloaded' | 'draining' | 'dependency-down';
  /** Each registered dependency's last known state (see {@link ReadinessDependencies}). */
  dependencies: Record<string, DependencyState>;
}

/**
 * Readiness: `GET /ready` answers `200 {"status":"ready"}`, or `503
 * {"status":"overloaded"}` while the gateway is turning requests away (it did within
 * the last second), so a balancer can send traffic to a replica with room, `503
 * {"status":"draining"}` from the moment a shutdown signal arrived (see
 * {@link GracefulShutdown}), or `503 {"status":"dependency-down"}` while a required
 * dependency is not up. Every answer lists the dependencies' last known states
 * (`"dependencies": {"inventory": "up"}`). Like `/health` it is an infrastructure
 * route, registered on Fastify beneath the Nest pipeline, and never turned away itself.
 */
@Injectable()
export class ReadinessRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly admission: AdmissionHooks,
    private readonly dependencies: ReadinessDependencies,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.route !== 'function') return;
    const drain = HttpServerDrain.for(fastify.server);
    fastify.route({
      method: 'GET',
      url: '/ready',
      config: INFRASTRUCTURE_ROUTE,
      schema: { response: { 200: READINESS_SCHEMA, 503: READINESS_SCHEMA } },
      handler: (_request, reply): ReadinessReport => {
        void reply.header('cache-control', 'no-store');
        const { states, failing } = this.dependencies.snapshot();
        const status = drain.isDraining
          ? 'draining'
          : this.admission.isOverloaded
            ? 'overloaded'
            : failing.length > 0
              ? 'dependency-down'
              : 'ready';
        if (status !== 'ready') void reply.code(503);
        return { status, dependencies: states };
      },
    });
  }
}

const READINESS_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    dependencies: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['status', 'dependencies'],
} as const;
