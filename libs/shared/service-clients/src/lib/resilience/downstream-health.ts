import { DOWNSTREAM_SERVICE_NAMES } from '@bff/downstream-contracts';
import { Injectable } from '@nestjs/common';
import type { DownstreamService } from '../service-clients.options';
import { DownstreamResilience } from './downstream-resilience';
import type { DownstreamState } from './service-resilience';

/**
 * Read-only view of every downstream service's circuit breaker, bulkhead and
 * retry budget, for health endpoints and metrics.
 *
 * @example
 * @Get('health/downstreams')
 * downstreams() {
 *   return this.health.states(); // { product: { breaker: 'closed', inFlight: 0, ... }, review: ..., ... }
 * }
 */
@Injectable()
export class DownstreamHealth {
  constructor(private readonly resilience: DownstreamResilience) {}

  /** The state of one service. */
  state(service: DownstreamService): DownstreamState {
    return this.resilience.of(service).state();
  }

  /** The state of every service, by name. */
  states(): Record<DownstreamService, DownstreamState> {
    return Object.fromEntries(DOWNSTREAM_SERVICE_NAMES.map((service) => [service, this.state(service)])) as Record<
      DownstreamService,
      DownstreamState
    >;
  }
}
