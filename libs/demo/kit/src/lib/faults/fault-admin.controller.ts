import { Body, Controller, Delete, Get, HttpCode, Put, Query } from '@nestjs/common';
import { SchemaPipe } from '@bff/platform';
import { type FaultSpec, faultSpecSchema } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { queryParam } from '../query-param';
import { FaultStore } from './fault-store.service';
import { REQUEST_LOG_CAPACITY, RequestLog, type RecordedRequest } from './request-log.service';
import { RequestStats, type RequestStatsSnapshot } from './request-stats.service';

const LIMIT = /^\d{1,4}$/;

/**
 * The admin API tests use to break a demo service and read what reached it. It is
 * not part of the service's public API and is never itself faulted or counted.
 */
@Controller('__admin')
export class FaultAdminController {
  constructor(
    private readonly store: FaultStore,
    private readonly stats: RequestStats,
    private readonly log: RequestLog,
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

  /** Resets the counters and forgets the recorded requests. */
  @Delete('stats')
  @HttpCode(204)
  resetStats(): void {
    this.stats.reset();
    this.log.clear();
  }

  /** The most recent public requests with their headers, oldest first; `?limit=` keeps only the last ones. */
  @Get('requests')
  getRequests(@Query() query: Record<string, unknown>): RecordedRequest[] {
    const limit = queryParam(query, 'limit');
    if (limit !== undefined && (!LIMIT.test(limit) || Number(limit) < 1 || Number(limit) > REQUEST_LOG_CAPACITY)) {
      throw new BffError('INVALID_QUERY', `limit must be a whole number from 1 to ${REQUEST_LOG_CAPACITY}.`, {
        parameter: 'limit',
      });
    }
    return this.log.recent(limit === undefined ? undefined : Number(limit));
  }
}
