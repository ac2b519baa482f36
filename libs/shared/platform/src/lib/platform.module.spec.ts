import { Body, CanActivate, Controller, Get, INestApplication, Injectable, Module, Post } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BffError } from '@bff/problem';
import { PlatformModule } from './platform.module';
import { RequestContext } from './request-context';
import { injectableApp } from '../test/injectable-app';

@Controller('probe')
class ProbeController {
  @Get('context')
  context() {
    return RequestContext.current()?.data;
  }

  @Get('degraded')
  degraded() {
    RequestContext.current()?.markDegraded('reviews');
    return { ok: true };
  }

  @Post('context')
  async contextAfterBody(@Body() _body: unknown) {
    // The body was read asynchronously, and the handler awaits before reading the context.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return RequestContext.current()?.data;
  }

  @Post('echo')
  echo(@Body() body: unknown) {
    return body;
  }

  @Get('bug')
  bug() {
    throw new TypeError('secret connection string postgres://admin:hunter2@db');
  }

  @Get('expected')
  expected() {
    throw new BffError('UPSTREAM_TIMEOUT', 'The product service did not answer in time.');
  }
}

@Module({ imports: [PlatformModule.forRoot({ service: 'probe' })], controllers: [ProbeController] })
class ProbeModule {}

describe('PlatformModule', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await injectableApp(ProbeModule);
  });

  afterAll(() => (app as INestApplication).close());

  it('serves GET /health', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', service: 'probe' });
  });

  it('answers GET /health with no-store and the request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'probe-1' } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toBe('probe-1');
    expect(res.json()).toEqual({ status: 'ok', service: 'probe', uptimeSeconds: expect.any(Number) });
  });

  it('enters no request context for the health route, one for every routed request', async () => {
    const enter = jest.spyOn(RequestContext, 'enter');
    try {
      await app.inject({ method: 'GET', url: '/health' });
      expect(enter).not.toHaveBeenCalled();
      await app.inject({ method: 'GET', url: '/probe/context' });
      expect(enter).toHaveBeenCalledTimes(1);
    } finally {
      enter.mockRestore();
    }
  });

  it('gives handlers a request context with request id, trace and the negotiated language', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/probe/context',
      headers: { 'x-request-id': 'abc-1', 'accept-language': 'nl-NL, en;q=0.8' },
    });
    expect(res.headers['x-request-id']).toBe('abc-1');
    expect(res.json()).toEqual({
      requestId: 'abc-1',
      clientIp: '127.0.0.1',
      traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
      // The only supported language by default: Dutch is not, English is.
      acceptLanguage: 'en',
    });
  });

  it('keeps the request context through a streamed body and across awaits in the handler', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/probe/context',
      headers: { 'x-request-id': 'post-1', 'content-type': 'application/json' },
      payload: JSON.stringify({ a: 'x'.repeat(100_000) }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ requestId: 'post-1' });
  });

  it('keeps concurrent requests in their own contexts', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `concurrent-${i}`);
    const answers = await Promise.all(
      ids.map((id) => app.inject({ method: 'GET', url: '/probe/context', headers: { 'x-request-id': id } })),
    );
    expect(answers.map((res) => (res.json() as { requestId: string }).requestId)).toEqual(ids);
  });

  it('answers 405 with Allow for a known path called with another method, 404 for an unknown path', async () => {
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/probe/echo' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers['allow']).toBe('POST');
    expect(wrongMethod.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrongMethod.json()).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED', instance: '/probe/echo' });
    const health = await app.inject({ method: 'POST', url: '/health' });
    expect(health.statusCode).toBe(405);
    expect(health.headers['allow']).toBe('GET, HEAD');
    const unknown = await app.inject({ method: 'GET', url: '/probe/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])(
    'refuses a %s body with 415 before the route sees it',
    async (contentType) => {
      const res = await app.inject({ method: 'POST', url: '/probe/echo', headers: { 'content-type': contentType }, payload: 'a=1' });
      expect(res.statusCode).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    },
  );

  it('lists degraded parts in x-bff-degraded', async () => {
    const res = await app.inject({ method: 'GET', url: '/probe/degraded' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-bff-degraded']).toBe('reviews');
  });

  it('answers an unexpected error with a bare 500 problem that leaks nothing', async () => {
    const res = await app.inject({ method: 'GET', url: '/probe/bug' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).not.toMatch(/hunter2|TypeError|at /);
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers a BffError with its status and detail', async () => {
    const res = await app.inject({ method: 'GET', url: '/probe/expected' });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ code: 'UPSTREAM_TIMEOUT', detail: 'The product service did not answer in time.' });
  });

  it('answers unknown routes and malformed JSON with 4xx problem+json', async () => {
    const missing = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    const malformed = await app.inject({
      method: 'POST',
      url: '/probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(malformed.json()).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});

@Injectable()
class RefuseEverything implements CanActivate {
  calls = 0;
  canActivate(): boolean {
    this.calls++;
    return false;
  }
}

@Module({
  imports: [PlatformModule.forRoot({ service: 'guarded' })],
  controllers: [ProbeController],
  providers: [RefuseEverything, { provide: APP_GUARD, useExisting: RefuseEverything }],
})
class GuardedModule {}

describe('GET /health beneath the Nest pipeline', () => {
  it('answers even when a global guard refuses every route, and the guard never sees it', async () => {
    const app = await injectableApp(GuardedModule);
    try {
      const guard = app.get(RefuseEverything);
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      expect(guard.calls).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/probe/context' })).statusCode).toBe(403);
      expect(guard.calls).toBe(1);
    } finally {
      await app.close();
    }
  });
});
