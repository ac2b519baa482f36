import { Controller, Get, Injectable, Module, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter } from '../bootstrap-http-app';
import { InfrastructureRoute } from '../infrastructure-route';
import { PlatformModule } from '../platform.module';
import { RequestContext } from '../request-context';
import { AccessLog } from './access-log.hooks';
import { createAppLogger } from './app-logger.factory';
import { prettyLogStream } from './pretty-log.stream';
import { SubjectHash } from './subject-hash';

@Controller()
class ProbeController {
  @Get('things/:thingId')
  thing() {
    RequestContext.current()?.markDegraded('reviews');
    return { ok: true };
  }

  @Get('probe')
  @InfrastructureRoute()
  probe() {
    return { ok: true };
  }
}

/** Stands for the authentication guard: a bearer `user-<id>` makes `<id>` the verified subject. */
@Injectable()
class IdentifyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { sub: string } }>();
    const subject = /^Bearer user-(\w+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (subject !== undefined) request.user = { sub: subject };
    return true;
  }
}

@Module({
  imports: [PlatformModule.forRoot({ service: 'access' })],
  controllers: [ProbeController],
  providers: [{ provide: APP_GUARD, useClass: IdentifyGuard }],
})
class AccessModule {}

const SECRET = 'a-subject-secret-of-at-least-32-characters';
const TRACE = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('AccessLog', () => {
  let app: NestFastifyApplication;
  let lines: string[];

  async function start(format: 'json' | 'text'): Promise<void> {
    lines = [];
    const out = { write: (line: string) => void lines.push(line) };
    const root = createAppLogger({ service: 'access', format, level: 'log', destination: format === 'json' ? out : prettyLogStream(out) });
    const moduleRef = await Test.createTestingModule({ imports: [AccessModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
    // As bootstrapHttpApp installs it: before the app is initialised.
    new AccessLog(root, { client: 'web', subjectSecret: SECRET }).install(app.getHttpAdapter().getInstance() as unknown as FastifyInstance);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }

  afterEach(async () => {
    await app?.close();
  });

  it('writes one JSON line per request: route template, status, duration, client, ids, subject hash and degraded parts', async () => {
    await start('json');

    const response = await app.inject({
      method: 'GET',
      url: '/things/42?token=abc',
      headers: { authorization: 'Bearer user-7', cookie: 'sid=abc', traceparent: TRACE, 'x-request-id': 'req-1' },
    });

    expect(response.statusCode).toBe(200);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(line).toEqual({
      level: 'info',
      time: expect.any(String),
      service: 'access',
      pid: process.pid,
      hostname: expect.any(String),
      context: 'http',
      message: 'request completed',
      method: 'GET',
      route: '/things/:thingId',
      status: 200,
      durationMs: expect.any(Number),
      client: 'web',
      requestId: 'req-1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      subjectHash: new SubjectHash(SECRET).of('7'),
      degraded: ['reviews'],
    });
    expect(lines[0]).not.toMatch(/user-7|sid=abc|token=abc|"7"/);
  });

  it('leaves out what a request does not have, and logs a refused one too', async () => {
    await start('json');

    await app.inject({ method: 'GET', url: '/nowhere' });

    const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(line).toMatchObject({ method: 'GET', status: 404, client: 'web' });
    expect(Object.keys(line)).not.toEqual(expect.arrayContaining(['subjectHash']));
    expect(line['degraded']).toBeUndefined();
  });

  it('writes nothing for infrastructure routes', async () => {
    await start('json');

    for (const url of ['/probe', '/health']) expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);

    expect(lines).toEqual([]);
  });

  it('prints a text line with the fields after the summary', async () => {
    await start('text');

    await app.inject({ method: 'GET', url: '/things/1', headers: { 'x-request-id': 'req-2', authorization: 'Bearer user-9' } });

    expect(lines[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} {2}INFO \[http\] GET \/things\/:thingId 200 [\d.]+ ms client=web requestId=req-2 traceId=[0-9a-f]{32} subjectHash=[0-9a-f]{16} degraded=reviews\n$/,
    );
  });
});
