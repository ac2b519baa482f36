import { isInfrastructureRoute } from '@bff/platform';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS } from './metric-buckets';
import { methodLabel, statusClass, UNMATCHED_ROUTE } from './metric-labels';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics.options';

type Label = 'route' | 'method' | 'status_class';
type Child = ReturnType<Histogram<Label>['labels']>;

/**
 * `bff_http_request_duration_seconds{route, method, status_class}`: every response
 * of the public port, observed in Fastify's `onResponse` hook, from the request's
 * arrival to its last byte (Fastify's `reply.elapsedTime`).
 *
 * The route label is the route's template as the router matched it
 * (`/product-details/:productId`), or `unmatched`; the method and the status are
 * reduced to closed sets. The series are bounded by the app's routes, whatever the
 * clients send. Infrastructure routes (`/health`, `/ready`) are not observed, as no
 * other hook of the gateway observes them: probes would only drown the traffic.
 *
 * Each series' child is looked up once and kept, so a request costs two map lookups
 * and prom-client's own `observe`.
 */
@Injectable()
export class InboundRequestMetrics implements OnModuleInit {
  private readonly duration: Histogram<Label>;
  /** route → method → one child per status class. */
  private readonly children = new Map<string, Map<string, Map<string, Child>>>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    registry: Registry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
  ) {
    this.duration = new Histogram({
      name: 'bff_http_request_duration_seconds',
      help: 'Time from a request arriving to its response sent, by route template, method and status class.',
      labelNames: ['route', 'method', 'status_class'],
      buckets: [...LATENCY_BUCKETS],
      registers: [registry],
    });
  }

  onModuleInit(): void {
    if (!this.options.enabled) return;
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    // Only HTTP apps on Fastify answer requests; a standalone context has nothing to observe.
    if (typeof fastify?.addHook !== 'function') return;
    fastify.addHook('onResponse', this.onResponse);
  }

  /** Observes one answered request; exposed for the specs of its labels. */
  observe(route: string | undefined, method: string, status: number, seconds: number): void {
    this.childOf(route ?? UNMATCHED_ROUTE, methodLabel(method), statusClass(status)).observe(seconds);
  }

  /** One function for every request: no closure per request. */
  private readonly onResponse = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (!isInfrastructureRoute(request)) {
      this.observe(request.routeOptions.url, request.method, reply.statusCode, reply.elapsedTime / 1_000);
    }
    done();
  };

  private childOf(route: string, method: string, status: string): Child {
    let methods = this.children.get(route);
    if (methods === undefined) {
      methods = new Map();
      this.children.set(route, methods);
    }
    let statuses = methods.get(method);
    if (statuses === undefined) {
      statuses = new Map();
      methods.set(method, statuses);
    }
    let child = statuses.get(status);
    if (child === undefined) {
      child = this.duration.labels(route, method, status);
      statuses.set(status, child);
    }
    return child;
  }
}
