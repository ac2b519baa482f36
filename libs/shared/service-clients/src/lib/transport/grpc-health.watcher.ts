import { DOWNSTREAM_SERVICE_NAMES } from '@bff/downstream-contracts';
import { ReadinessDependencies, type DependencyState } from '@bff/platform';
import { Injectable, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DownstreamService } from '../service-clients.options';
import { GRPC_SERVICE_NAMES, GrpcClients } from './grpc-clients';

/** How often each gRPC service is asked; a balancer's readiness probe reads the last answer. */
const CHECK_EVERY_MS = 5_000;
/** A health check that takes longer than this counts as the service being down. */
const CHECK_TIMEOUT_MS = 1_000;

/**
 * Asks every service reached over gRPC how it is, with the gRPC health checking
 * protocol (`grpc.health.v1.Health/Check` for the service's own name), on the
 * channel its calls use, every 5 s from start-up; and registers each as a readiness
 * dependency, so `GET /ready` reports `"inventory": "up"` or `"down"`.
 *
 * They are registered as optional: a BFF whose inventory service is down still
 * answers every page, with the stock marked unavailable, so taking it out of
 * rotation would only turn a degraded page into no page. A check runs in the
 * background and readiness reads its last answer: a probe never waits on the network.
 *
 * @example
 * await watcher.checkAll();
 * watcher.state('inventory'); // 'up'
 */
@Injectable()
export class GrpcHealthWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly states = new Map<DownstreamService, DependencyState>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clients: GrpcClients,
    @Optional() private readonly readiness?: ReadinessDependencies,
  ) {}

  onApplicationBootstrap(): void {
    for (const service of DOWNSTREAM_SERVICE_NAMES) {
      if (!this.clients.speaksGrpc(service)) continue;
      this.states.set(service, 'unknown');
      this.readiness?.register({ name: service, required: false, state: () => this.state(service) });
    }
    if (this.states.size === 0) return;
    void this.checkAll();
    this.timer = setInterval(() => void this.checkAll(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The last answer of a service's health check (`unknown` before the first). */
  state(service: DownstreamService): DependencyState {
    return this.states.get(service) ?? 'unknown';
  }

  /** Checks every gRPC service now; resolves once each has answered or timed out. */
  async checkAll(): Promise<void> {
    await Promise.all([...this.states.keys()].map((service) => this.check(service)));
  }

  private check(service: DownstreamService): Promise<void> {
    return new Promise((resolve) => {
      const name = GRPC_SERVICE_NAMES[service] ?? '';
      this.clients
        .health(service)
        .check({ service: name }, { deadline: Date.now() + CHECK_TIMEOUT_MS }, (error, response) => {
          this.states.set(service, error === null && response?.status === 'SERVING' ? 'up' : 'down');
          resolve();
        });
    });
  }
}
