import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DownstreamHealth, type DownstreamService } from '@bff/service-clients';

/**
 * Down while the circuit breaker of a required downstream service is open: the
 * gateway would answer every request that needs it `503 circuit-open`. A half-open
 * breaker is up, since its probe call decides. Optional parts (reviews, stock,
 * delivery) are not listed: a page marks them unavailable and is still served.
 *
 * @example
 * await health.check([() => breakers.check('downstreams', ['product', 'user'])]);
 */
@Injectable()
export class DownstreamBreakersHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly downstreams: DownstreamHealth,
  ) {}

  check(key: string, required: readonly DownstreamService[]) {
    const indicator = this.indicators.check(key);
    const open = required.filter((service) => this.downstreams.state(service).breaker === 'open');
    return open.length > 0 ? indicator.down({ open }) : indicator.up({ required });
  }
}
