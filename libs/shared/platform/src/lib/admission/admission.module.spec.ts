import { Body, Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PlatformModule } from '../platform.module';
import { AdmissionMetrics } from './admission.metrics';
import { AdmissionModule } from './admission.module';
import { ReadinessDependencies, type DependencyState } from './readiness-dependencies';
import type { AdmissionOptions } from './admission.options';
import { admissionOptions } from '../../test/admission-options';
import { Gate } from '../../test/gate';
import { injectableApp } from '../../test/injectable-app';

/** Requests to `/probe/held` wait until the test lets them go, holding their slot meanwhile. */
const gate = new Gate();

@Controller('probe')
class ProbeController {
  @Get('held')
  async held() {
    await gate.hold();
    return { ok: true };
  }

  @Get('quick')
  quick() {
    return { ok: true };
  }

  @Post('echo')
  echo(@Body() body: unknown) {
    return body;
  }
}

const options = (overrides: Partial<AdmissionOptions> = {}): AdmissionOptions =>
  admissionOptions({ retryAfterSeconds: 2, ...overrides });

async function start(admission: AdmissionOptions): Promise<NestFastifyApplication> {
  @Module({
    imports: [PlatformModule.forRoot({ service: 'probe' }), AdmissionModule.forRootAsync({ useFactory: () => admission })],
    controllers: [ProbeController],
  })
  class ProbeModule {}
  return injectableApp(ProbeModule);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until `check` holds, or 3 s (the windows are 100 ms; a loaded machine may stretch them). */
async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < 3_000; await sleep(20)) if (await check()) return true;
  return false;
}

describe('AdmissionModule', () => {
  let app: NestFastifyApplication | undefined;

  afterEach(async () => {
    gate.releaseAll();
    await (app as INestApplication | undefined)?.close();
    app = undefined;
    gate.calls = 0;
  });

  describe('with one slot and no queue', () => {
    it('turns a request away with 503 OVERLOADED, Retry-After and a problem body, before its handler', async () => {
      app = await start(options());
      const held = app.inject({ method: 'GET', url: '/probe/held' });
      await eventually(async () => gate.calls === 1);
      const res = await app.inject({ method: 'GET', url: '/probe/quick', headers: { 'x-request-id': 'shed-1' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers).toMatchObject({
        'retry-after': '2',
        'cache-control': 'no-store',
        'x-request-id': 'shed-1',
        'content-type': expect.stringMatching(/^application\/problem\+json/),
      });
      expect(res.json()).toEqual({
        type: 'urn:bff:problem:overloaded',
        title: 'Overloaded',
        status: 503,
        detail: expect.stringContaining('Retry-After'),
        code: 'OVERLOADED',
        reason: 'concurrency-limit',
      });
      expect(app.get(AdmissionMetrics).snapshot()).toMatchObject({ admitted: 1, shed: 1, inFlight: 1 });
      gate.releaseAll();
      expect((await held).statusCode).toBe(200);
    });

    it('gives the slot back when the response is done, so the next request is answered', async () => {
      app = await start(options());
      const held = app.inject({ method: 'GET', url: '/probe/held' });
      await eventually(async () => gate.calls === 1);
      gate.releaseAll();
      await held;
      expect((await app.inject({ method: 'GET', url: '/probe/quick' })).statusCode).toBe(200);
      expect(app.get(AdmissionMetrics).snapshot()).toMatchObject({ inFlight: 0, shed: 0 });
    });

    it('keeps answering /health while every slot is taken, and /ready reports the overload', async () => {
      app = await start(options());
      const current = app;
      void current.inject({ method: 'GET', url: '/probe/held' });
      await eventually(async () => gate.calls === 1);
      expect((await current.inject({ method: 'GET', url: '/probe/quick' })).statusCode).toBe(503);
      const health = await current.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
      expect(health.json()).toMatchObject({ status: 'ok' });
      const overloaded = await eventually(async () => (await current.inject({ method: 'GET', url: '/ready' })).statusCode === 503);
      expect(overloaded).toBe(true);
      expect((await current.inject({ method: 'GET', url: '/ready' })).json()).toEqual({ status: 'overloaded', dependencies: {} });
      // A second with nothing turned away, and the gateway is ready again.
      const ready = await eventually(async () => (await current.inject({ method: 'GET', url: '/ready' })).statusCode === 200);
      expect(ready).toBe(true);
    });
  });

  describe('with a queue', () => {
    it('runs a queued request as soon as the slot frees', async () => {
      app = await start(options({ maxQueue: 10 }));
      const held = app.inject({ method: 'GET', url: '/probe/held' });
      await eventually(async () => gate.calls === 1);
      const queued = app.inject({ method: 'GET', url: '/probe/quick' });
      await eventually(async () => app?.get(AdmissionMetrics).snapshot().waiting === 1);
      gate.releaseAll();
      expect((await held).statusCode).toBe(200);
      expect((await queued).statusCode).toBe(200);
      expect(app.get(AdmissionMetrics).snapshot()).toMatchObject({ admitted: 2, queued: 1, shed: 0 });
    });

    it('drops a queued request once its route budget can no longer be met, before its handler runs', async () => {
      app = await start(options({ maxQueue: 10, routeBudgets: { 'GET /probe/held': 150 } }));
      void app.inject({ method: 'GET', url: '/probe/held' });
      await eventually(async () => gate.calls === 1);
      const res = await app.inject({ method: 'GET', url: '/probe/held' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json()).toMatchObject({ code: 'OVERLOADED', reason: 'queue-deadline' });
      expect(gate.calls).toBe(1);
      expect(app.get(AdmissionMetrics).snapshot()).toMatchObject({ queued: 1, expired: 1, waiting: 0 });
    });
  });

  it('turns requests away while the event loop is past the valve, but never /health', async () => {
    // Any activity at all exceeds a utilisation of one in a million: the valve is always on.
    app = await start(options({ limit: { initialLimit: 100, minLimit: 1, maxLimit: 100, targetDelayMs: 20 }, eventLoop: { maxDelayMs: 0, maxUtilization: 0.000_001 } }));
    const current = app;
    const shed = await eventually(async () => (await current.inject({ method: 'GET', url: '/probe/quick' })).statusCode === 503);
    expect(shed).toBe(true);
    const res = await current.inject({ method: 'GET', url: '/probe/quick' });
    expect(res.json()).toMatchObject({ code: 'OVERLOADED', reason: 'event-loop' });
    expect(res.headers['retry-after']).toBe('2');
    expect((await current.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect(current.get(AdmissionMetrics).snapshot().valve).toBeGreaterThan(0);
  });

  it('leaves errors raised before the handler to the problem filter, valve and all', async () => {
    app = await start(options({ limit: { initialLimit: 100, minLimit: 1, maxLimit: 100, targetDelayMs: 20 }, eventLoop: { maxDelayMs: 1_000, maxUtilization: 0 } }));
    const res = await app.inject({ method: 'POST', url: '/probe/echo', headers: { 'content-type': 'text/plain' }, payload: 'hello' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('admits everything when disabled', async () => {
    app = await start(options({ enabled: false }));
    void app.inject({ method: 'GET', url: '/probe/held' });
    await eventually(async () => gate.calls === 1);
    expect((await app.inject({ method: 'GET', url: '/probe/quick' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/ready' })).json()).toEqual({ status: 'ready', dependencies: {} });
  });

  describe('readiness and its dependencies', () => {
    let inventory: DependencyState;
    let product: DependencyState;

    beforeEach(async () => {
      inventory = 'up';
      product = 'up';
      app = await start(options());
      const dependencies = app.get(ReadinessDependencies);
      dependencies.register({ name: 'inventory', required: false, state: () => inventory });
      dependencies.register({ name: 'product', required: true, state: () => product });
    });

    const ready = async () => {
      const res = await (app as NestFastifyApplication).inject({ method: 'GET', url: '/ready' });
      return { status: res.statusCode, body: res.json() };
    };

    it('reports every dependency and stays ready while all are up', async () => {
      expect(await ready()).toEqual({ status: 200, body: { status: 'ready', dependencies: { inventory: 'up', product: 'up' } } });
    });

    it('only reports an optional dependency that is down: the pages do without it', async () => {
      inventory = 'down';

      expect(await ready()).toEqual({ status: 200, body: { status: 'ready', dependencies: { inventory: 'down', product: 'up' } } });
    });

    it.each<DependencyState>(['down', 'unknown'])('answers 503 while a required dependency is %s', async (state) => {
      product = state;

      expect(await ready()).toEqual({
        status: 503,
        body: { status: 'dependency-down', dependencies: { inventory: 'up', product: state } },
      });
    });

    it('refuses a second dependency of the same name', () => {
      expect(() =>
        (app as NestFastifyApplication).get(ReadinessDependencies).register({ name: 'inventory', required: true, state: () => 'up' }),
      ).toThrow('A readiness dependency named "inventory" is already registered.');
    });
  });

  it('refuses to start with a route budget that names no route', async () => {
    await expect(start(options({ routeBudgets: { 'GET /probe/typo': 100 } }))).rejects.toThrow(
      'Admission route budgets name routes that do not exist: GET /probe/typo',
    );
  });
});
