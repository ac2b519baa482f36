import { Inject, Injectable, ServiceUnavailableException, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HealthCheckService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';
import { INFRASTRUCTURE_ROUTE } from '@bff/platform';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HEALTH_PROBES_OPTIONS, type HealthProbesOptions } from './health-probes.options';
import { AmqpHealthIndicator } from './indicators/amqp.health';
import { DownstreamBreakersHealthIndicator } from './indicators/downstream-breakers.health';
import { RedisHealthIndicator } from './indicators/redis.health';
import { ShutdownHealthIndicator } from './indicators/shutdown.health';

/**
 * The orchestrator's probes, run by terminus' `HealthCheckService`:
 *
 * - `GET /health/live`: the process only. It answers while the event loop turns; a
 *   dependency's outage is no reason to restart the gateway.
 * - `GET /health/ready`: `200` while the gateway can serve, else `503` with terminus'
 *   report naming what is down: it is draining after a shutdown signal, a configured
 *   Redis is not reachable, the broker it connected to is lost, or a required
 *   downstream's breaker is open.
 *
 * Like `/health` and `/ready` they are registered on Fastify beneath the Nest
 * pipeline and marked `INFRASTRUCTURE_ROUTE`: no authentication, rate limit, cache,
 * admission shedding, problem filter or access line, so they answer when the
 * gateway is busiest and cost a probe nothing but the checks. Every check reads a
 * last known state; none waits on I/O.
 */
@Injectable()
export class HealthProbesRoutes implements OnModuleInit {
  private readonly readiness: HealthIndicatorFunction[];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly health: HealthCheckService,
    @Inject(HEALTH_PROBES_OPTIONS) options: HealthProbesOptions,
    shutdown: ShutdownHealthIndicator,
    redis: RedisHealthIndicator,
    amqp: AmqpHealthIndicator,
    breakers: DownstreamBreakersHealthIndicator,
  ) {
    const { redisUrl, amqpUrl, requiredDownstreams } = options;
    this.readiness = [
      () => shutdown.check('shutdown'),
      ...(redisUrl === undefined ? [] : [() => redis.check('redis', redisUrl)]),
      ...(amqpUrl === undefined ? [] : [() => amqp.check('amqp', amqpUrl)]),
      ...(requiredDownstreams.length === 0 ? [] : [() => breakers.check('downstreams', requiredDownstreams)]),
    ];
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (typeof fastify?.route !== 'function') return;
    for (const [url, checks] of [
      ['/health/live', []],
      ['/health/ready', this.readiness],
    ] as const) {
      fastify.route({
        method: 'GET',
        url,
        config: INFRASTRUCTURE_ROUTE,
        handler: (_request, reply) => this.report(reply, checks),
      });
    }
  }

  /** Terminus' report, `503` when a check is down (terminus throws it as an exception). */
  private async report(reply: FastifyReply, checks: readonly HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    void reply.header('cache-control', 'no-store');
    try {
      return await this.health.check([...checks]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.code(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
