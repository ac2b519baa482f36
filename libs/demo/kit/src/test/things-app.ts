import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FaultSpec } from '@bff/downstream-contracts';
import { PlatformModule, createFastifyAdapter } from '@bff/platform';
import { DemoFaultsModule } from '../lib/faults/demo-faults.module';
import { FAULT_RANDOM } from '../lib/faults/fault-random.token';
import type { RequestStatsSnapshot } from '../lib/faults/request-stats.service';

@Controller('things')
class ThingsController {
  @Get(':id')
  get(@Param('id') id: string) {
    return { id };
  }

  @Post()
  create(@Body() body: unknown) {
    return body;
  }
}

@Module({
  imports: [PlatformModule.forRoot({ service: 'things-service' }), DemoFaultsModule],
  controllers: [ThingsController],
})
class ThingsModule {}

/** A one-controller service (`GET /things/:id`, `POST /things`) with the fault module, as a demo service has it. */
export async function createApp(random?: () => number): Promise<NestFastifyApplication> {
  const builder = Test.createTestingModule({ imports: [ThingsModule] });
  if (random) builder.overrideProvider(FAULT_RANDOM).useValue(random);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** Requests to the app `current` returns: a GET, setting the faults, and reading the stats. */
export function thingsRequests(current: () => NestFastifyApplication) {
  const get = (url: string, headers: Record<string, string> = {}) =>
    current().inject({ method: 'GET', url, headers });
  return {
    get,
    setFaults: (spec: FaultSpec | Record<string, unknown>) =>
      current().inject({ method: 'PUT', url: '/__admin/faults', payload: spec }),
    stats: async () => (await get('/__admin/stats')).json<RequestStatsSnapshot>(),
  };
}

/** Replays the given rolls in a loop. */
export function scripted(...rolls: number[]): () => number {
  let index = 0;
  return () => rolls[index++ % rolls.length] ?? 0;
}

/** Resolves once `check` holds; throws after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
