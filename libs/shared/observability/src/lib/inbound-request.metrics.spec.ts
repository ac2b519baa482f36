import { ConfigModule, TypedConfig } from '@bff/config';
import { PlatformModule } from '@bff/platform';
import { prometheusSample, prometheusSeries, startInProcessApp } from '@bff/testing';
import { Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { metricsConfigShape, type MetricsConfig } from './metrics-config.schema';
import { MetricsModule } from './metrics.module';

const schema = z.object(metricsConfigShape(0));
class TestConfig extends TypedConfig<MetricsConfig> {}

@Controller('items')
class ItemsController {
  @Get(':itemId')
  get(@Param('itemId') itemId: string) {
    return { itemId };
  }

  @Post()
  @HttpCode(202)
  create() {
    return {};
  }
}

function appModule(enabled: boolean) {
  @Module({
    imports: [
      ConfigModule.forRoot({ schema, token: TestConfig, env: { METRICS_ENABLED: String(enabled) } }),
      PlatformModule.forRoot({ service: 'test' }),
      MetricsModule.forRoot({ service: 'test', config: TestConfig }),
    ],
    controllers: [ItemsController],
  })
  class AppModule {}
  return AppModule;
}

const DURATION = 'bff_http_request_duration_seconds';

describe('InboundRequestMetrics', () => {
  let app: NestFastifyApplication;
  const exposition = () => app.get(Registry).metrics();

  beforeEach(async () => {
    app = await startInProcessApp(appModule(true));
  });

  afterEach(async () => {
    await app.close();
  });

  it('labels a request by its route template, method and status class', async () => {
    await app.inject({ method: 'GET', url: '/items/42' });
    await app.inject({ method: 'GET', url: '/items/43' });
    await app.inject({ method: 'POST', url: '/items' });

    const text = await exposition();

    expect(prometheusSample(text, `${DURATION}_count{route="/items/:itemId",method="GET",status_class="2xx"}`)).toBe(2);
    expect(prometheusSample(text, `${DURATION}_count{route="/items",method="POST",status_class="2xx"}`)).toBe(1);
    expect(text).not.toContain('/items/42');
  });

  it('labels every request no route matched as one route, unmatched', async () => {
    await app.inject({ method: 'GET', url: '/nowhere/1' });
    await app.inject({ method: 'GET', url: '/elsewhere' });

    const text = await exposition();

    expect(prometheusSample(text, `${DURATION}_count{route="unmatched",method="GET",status_class="4xx"}`)).toBe(2);
    expect(text).not.toContain('nowhere');
  });

  it('does not observe the infrastructure routes', async () => {
    await app.inject({ method: 'GET', url: '/health' });

    expect(await exposition()).not.toContain('route="/health"');
  });

  it('keeps the series count when 1,000 distinct ids and paths arrive', async () => {
    await app.inject({ method: 'GET', url: '/items/0' });
    await app.inject({ method: 'GET', url: '/unknown/0' });
    const before = prometheusSeries(await exposition()).filter((series) => series.startsWith(DURATION));

    for (let id = 1; id <= 1_000; id++) {
      await app.inject({ method: 'GET', url: `/items/${id}` });
      await app.inject({ method: 'GET', url: `/unknown/${id}` });
    }

    const text = await exposition();
    expect(prometheusSeries(text).filter((series) => series.startsWith(DURATION))).toEqual(before);
    expect(prometheusSample(text, `${DURATION}_count{route="/items/:itemId",method="GET",status_class="2xx"}`)).toBe(1_001);
  });
});

describe('InboundRequestMetrics switched off', () => {
  it('observes nothing', async () => {
    const app = await startInProcessApp(appModule(false));
    try {
      await app.inject({ method: 'GET', url: '/items/1' });
      expect(await app.get(Registry).metrics()).not.toContain(`${DURATION}_count`);
    } finally {
      await app.close();
    }
  });
});
