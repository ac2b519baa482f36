import {
  type CallHandler,
  type CanActivate,
  Controller,
  type ExecutionContext,
  Get,
  Injectable,
  Module,
  type ModuleMetadata,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BffError } from '@bff/problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { admissionOptions } from '../../test/admission-options';
import { AdmissionModule } from '../admission/admission.module';
import { InfrastructureRoute } from '../infrastructure-route';
import { PlatformModule } from '../platform.module';
import { RequestContext } from '../request-context';
import { GATEWAY_PIPELINE, pipelineGuards, type PipelineGuards } from './gateway-pipeline';
import { injectableApp } from '../../test/injectable-app';

/** The stages one request met, in the order it met them. */
let seen: string[] = [];

@Injectable()
class IdentifyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const [request, reply] = context.getArgs<[FastifyRequest & { user?: { sub: string } }, FastifyReply]>();
    if (reply.hasHeader('x-request-id')) seen.push('request-id');
    if (RequestContext.current() !== undefined) seen.push('context');
    seen.push('identify');
    request.user = { sub: 'alice' };
    return true;
  }
}

@Injectable()
class LimitGuard implements CanActivate {
  canActivate(): boolean {
    // The caller identify verified, read through the request context as a limiter would key on it.
    seen.push(`limit:${RequestContext.current()?.data.subject}`);
    return true;
  }
}

@Injectable()
class CacheInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    seen.push('cache');
    return next.handle();
  }
}

/** Stands for any interceptor an app registers globally: infrastructure routes never meet it either. */
@Injectable()
class GlobalInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    seen.push('global-interceptor');
    return next.handle();
  }
}

@Controller('catalogue')
class CatalogueController {
  @Get('page')
  @UseInterceptors(CacheInterceptor)
  page() {
    seen.push('handler');
    return { ok: true };
  }

  @Get('fails')
  @UseInterceptors(CacheInterceptor)
  fails() {
    seen.push('handler');
    throw new BffError('UPSTREAM_UNAVAILABLE', 'The catalogue is down.');
  }

  @Get('status')
  @InfrastructureRoute()
  status() {
    seen.push(RequestContext.current() === undefined ? 'handler without context' : 'handler in context');
    return { ok: true };
  }
}

@Module({ providers: [IdentifyGuard, LimitGuard], exports: [IdentifyGuard, LimitGuard] })
class GuardsModule {}

async function start(root: Required<Pick<ModuleMetadata, 'imports' | 'providers'>>): Promise<NestFastifyApplication> {
  @Module({
    imports: [
      PlatformModule.forRoot({ service: 'pipeline' }),
      AdmissionModule.forRootAsync({
        useFactory: () =>
          admissionOptions({ limit: { initialLimit: 100, minLimit: 1, maxLimit: 100, targetDelayMs: 1_000 } }),
      }),
      ...root.imports,
    ],
    controllers: [CatalogueController],
    providers: root.providers,
  })
  class AppModule {}
  return injectableApp(AppModule);
}

describe('GATEWAY_PIPELINE', () => {
  it('states every stage a request passes, in one order', () => {
    expect(GATEWAY_PIPELINE.map((stage) => `${stage.step} ${stage.name}`)).toEqual([
      'onRequest request-id',
      'onRequest edge',
      'onRequest method-not-allowed',
      'onRequest admission',
      'preHandler context',
      'guard identify',
      'guard limit',
      'interceptor cache',
      'handler handler',
      'filter problem',
      'onSend response-headers',
      'onResponse access-log',
    ]);
  });
});

const asGlobalGuards = (guards: PipelineGuards) =>
  pipelineGuards(guards).map((guard) => ({ provide: APP_GUARD, useExisting: guard }));

describe('pipelineGuards', () => {
  it('gives the guards in the order the pipeline states, whatever order they are named in', () => {
    expect(pipelineGuards({ limit: LimitGuard, identify: IdentifyGuard })).toEqual([IdentifyGuard, LimitGuard]);
  });

  describe('registered in that order by an app', () => {
    let app: NestFastifyApplication;

    beforeAll(async () => {
      app = await start({
        imports: [GuardsModule],
        providers: [
          ...asGlobalGuards({ identify: IdentifyGuard, limit: LimitGuard }),
          { provide: APP_INTERCEPTOR, useClass: GlobalInterceptor },
        ],
      });
    });

    afterAll(() => app.close());

    beforeEach(() => {
      seen = [];
    });

    it('takes a routed request through request id, context, identify, limit, cache and handler in that order', async () => {
      const response = await app.inject({ method: 'GET', url: '/catalogue/page' });
      expect(response.statusCode).toBe(200);
      expect(seen).toEqual(['request-id', 'context', 'identify', 'limit:alice', 'global-interceptor', 'cache', 'handler']);
    });

    it('answers what the handler throws with problem details, after every stage before it ran', async () => {
      const response = await app.inject({ method: 'GET', url: '/catalogue/fails' });
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(seen).toEqual(['request-id', 'context', 'identify', 'limit:alice', 'global-interceptor', 'cache', 'handler']);
    });

    it.each(['/health', '/ready'])('lets the infrastructure route %s meet no guard, limiter or interceptor', async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-request-id']).toBeDefined();
      expect(seen).toEqual([]);
    });

    it('skips the request context for a Nest route marked @InfrastructureRoute()', async () => {
      const response = await app.inject({ method: 'GET', url: '/catalogue/status' });
      expect(response.statusCode).toBe(200);
      expect(seen).toEqual(['request-id', 'identify', 'limit:undefined', 'global-interceptor', 'handler without context']);
    });
  });
});
