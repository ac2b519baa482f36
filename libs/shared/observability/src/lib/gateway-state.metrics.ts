import { CacheMetrics } from '@bff/caching';
import { AdmissionMetrics } from '@bff/platform';
import { DownstreamHealth } from '@bff/service-clients';
import { ThrottlingMetrics } from '@bff/throttling';
import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerAdmissionMetrics } from './admission.collector';
import { registerCacheMetrics } from './cache.collector';
import { registerDownstreamStateMetrics } from './downstream-state.collector';
import { METRICS_OPTIONS, type MetricsOptions } from './metrics.options';
import { registerRateLimitMetrics } from './rate-limit.collector';

/**
 * The counters and state the gateway's components already keep, exposed as they are
 * when Prometheus scrapes (no second count on the request path): downstream
 * resilience, the response cache, rate limits and admission control, each when the
 * app has it; and Node's process metrics (`process_*`, `nodejs_*`: CPU, memory, heap,
 * event-loop lag, handles, GC).
 */
@Injectable()
export class GatewayStateMetrics implements OnModuleInit {
  constructor(
    private readonly registry: Registry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
    @Optional() private readonly downstreams?: DownstreamHealth,
    @Optional() private readonly cache?: CacheMetrics,
    @Optional() private readonly throttling?: ThrottlingMetrics,
    @Optional() private readonly admission?: AdmissionMetrics,
  ) {}

  onModuleInit(): void {
    if (!this.options.enabled) return;
    const { registry } = this;
    if (this.downstreams) registerDownstreamStateMetrics(registry, this.downstreams);
    if (this.cache) registerCacheMetrics(registry, this.cache);
    if (this.throttling) registerRateLimitMetrics(registry, this.throttling);
    if (this.admission) registerAdmissionMetrics(registry, this.admission);
    collectDefaultMetrics({ register: registry });
  }
}
