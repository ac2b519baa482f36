import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { SchemaPipe } from '@bff/platform';
import { type FaultSpec, faultSpecSchema } from './fault-spec';
import { FaultStore } from './fault-store.service';
import { RequestStats, type RequestStatsSnapshot } from './request-stats.service';

/**
 * The admin API tests use to break a demo service and read what reached it. It is
 * not part of the service's public API and is never itself faulted or counted.
 */
@Controller('__admin')
export class FaultAdminController {
  constructor(
    private readonly store: FaultStore,
    private readonly stats: RequestStats,
  ) {}

  /** Replaces the current fault. */
  @Put('faults')
  @HttpCode(204)
  setFaults(@Body(new SchemaPipe(faultSpecSchema)) spec: FaultSpec): void {
    this.store.set(spec);
  }

  @Delete('faults')
  @HttpCode(204)
  clearFaults(): void {
    this.store.clear();
  }

  @Get('stats')
  getStats(): RequestStatsSnapshot {
    return this.stats.snapshot();
  }

  @Delete('stats')
  @HttpCode(204)
  resetStats(): void {
    this.stats.reset();
  }
}
