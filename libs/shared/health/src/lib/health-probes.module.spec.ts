import { Global, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AmqpConnections, HttpServerDrain, PlatformModule, RedisConnections, type DependencyState } from '@bff/platform';
import { DownstreamHealth } from '@bff/service-clients';
import { startInProcessApp } from '@bff/testing';
import { HealthProbesModule } from './health-probes.module';

/** What the fakes report; each test sets its own. */
let redis: DependencyState;
let amqp: DependencyState;
let breakers: Record<string, 'closed' | 'open' | 'half-open'>;

/** Stands for `ServiceClientsModule`, which provides `DownstreamHealth` to the whole app. */
@Global()
@Module({
  providers: [{ provide: DownstreamHealth, useValue: { state: (service: string) => ({ breaker: breakers[service] ?? 'closed' }) } }],
  exports: [DownstreamHealth],
})
class FakeServiceClientsModule {}

@Module({
  imports: [
    PlatformModule.forRoot({ service: 'probed' }),
    FakeServiceClientsModule,
    HealthProbesModule.forRootAsync({
      useFactory: () => ({ redisUrl: 'redis://redis:6379', amqpUrl: 'amqp://broker', requiredDownstreams: ['product', 'user'] }),
    }),
  ],
})
class ProbedModule {}

describe('HealthProbesModule', () => {
  let app: NestFastifyApplication;

  beforeEach(async () => {
    redis = 'up';
    amqp = 'up';
    breakers = {};
    app = await startInProcessApp(ProbedModule, (builder) =>
      builder
        .overrideProvider(RedisConnections)
        .useValue({ state: (url: string) => (url === 'redis://redis:6379' ? redis : 'unknown') })
        .overrideProvider(AmqpConnections)
        .useValue({ state: (url: string) => (url === 'amqp://broker' ? amqp : 'unknown') }),
    );
  });

  afterEach(async () => {
    await app.close();
  });

  const probe = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json() as Record<string, unknown>, cacheControl: response.headers['cache-control'] };
  };

  it('answers liveness with the process alone, whatever the dependencies', async () => {
    redis = 'down';
    breakers = { product: 'open' };

    expect(await probe('/health/live')).toEqual({
      status: 200,
      body: { status: 'ok', info: {}, error: {}, details: {} },
      cacheControl: 'no-store',
    });
  });

  it('is ready while Redis and the broker are connected and no required breaker is open', async () => {
    breakers = { product: 'half-open', review: 'open' };

    const { status, body } = await probe('/health/ready');

    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', error: {} });
    expect(Object.keys(body['details'] as object)).toEqual(['shutdown', 'redis', 'amqp', 'downstreams']);
  });

  it.each([
    ['Redis is not reachable', () => (redis = 'down'), { redis: { status: 'down', state: 'down' } }],
    ['the broker connection is lost', () => (amqp = 'down'), { amqp: { status: 'down', state: 'down' } }],
    ['a required downstream breaker is open', () => (breakers = { user: 'open' }), { downstreams: { status: 'down', open: ['user'] } }],
  ])('is not ready (503) while %s', async (_case, arrange, error) => {
    arrange();

    const { status, body } = await probe('/health/ready');

    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'error', error });
  });

  it('does not hold a broker the gateway never connected to against it', async () => {
    amqp = 'unknown';

    expect((await probe('/health/ready')).status).toBe(200);
  });

  it('is not ready from the moment the gateway drains', async () => {
    void HttpServerDrain.for(app.getHttpServer()).drain(10_000);

    const { status, body } = await probe('/health/ready');

    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'error', error: { shutdown: { status: 'down', draining: true } } });
    expect((await probe('/health/live')).status).toBe(200);
  });
});
