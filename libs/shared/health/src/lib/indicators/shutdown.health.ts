import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HttpServerDrain } from '@bff/platform';

/**
 * Down from the moment a shutdown signal arrived: the gateway is draining (see
 * `GracefulShutdown`), so an orchestrator must send it nothing new.
 *
 * @example
 * await health.check([() => shutdown.check('shutdown')]);
 */
@Injectable()
export class ShutdownHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  check(key: string) {
    const indicator = this.indicators.check(key);
    const draining = HttpServerDrain.for(this.adapterHost.httpAdapter.getHttpServer()).isDraining;
    return draining ? indicator.down({ draining: true }) : indicator.up();
  }
}
