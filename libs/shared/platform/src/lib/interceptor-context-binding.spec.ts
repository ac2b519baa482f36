import { CallHandler, Controller, ExecutionContext, Get, Injectable, Module, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { InterceptorsConsumer } from '@nestjs/core/interceptors';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AsyncResource } from 'node:async_hooks';
import { map, Observable } from 'rxjs';
import { createFastifyAdapter } from './bootstrap-http-app';
import { bindInterceptorContextCheaply } from './interceptor-context-binding';
import { PlatformModule } from './platform.module';
import { RequestContext } from './request-context';
import { injectableApp } from '../test/injectable-app';

const calls: string[] = [];

/** Records the order of calls and hops through a timer, where an unbound context would be lost. */
function tracing(name: string) {
  @Injectable()
  class Tracing implements NestInterceptor {
    intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
      calls.push(`${name}:before:${RequestContext.current()?.data.requestId}`);
      return new Observable((subscriber) => {
        setTimeout(() => {
          next
            .handle()
            .pipe(map((value) => ({ ...(value as object), [name]: RequestContext.current()?.data.requestId })))
            .subscribe(subscriber);
        }, 1);
      });
    }
  }
  return Tracing;
}

const Outer = tracing('outer');
const Inner = tracing('inner');

@Controller('traced')
class TracedController {
  @Get()
  @UseInterceptors(Outer, Inner)
  async get() {
    await new Promise((resolve) => setTimeout(resolve, 1));
    calls.push(`handler:${RequestContext.current()?.data.requestId}`);
    return { handler: RequestContext.current()?.data.requestId };
  }
}

@Module({ imports: [PlatformModule.forRoot({ service: 'traced' })], controllers: [TracedController] })
class TracedModule {}

describe('bindInterceptorContextCheaply', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await injectableApp(TracedModule);
  });

  afterAll(() => app.close());

  beforeEach(() => {
    calls.length = 0;
  });

  it('keeps each request context through every interceptor hop, timers and awaits included, in Nest order', async () => {
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((id) => app.inject({ method: 'GET', url: '/traced', headers: { 'x-request-id': `req-${id}` } })),
    );
    for (const [i, id] of ['a', 'b', 'c'].entries()) {
      expect(answers[i].json()).toEqual({ handler: `req-${id}`, inner: `req-${id}`, outer: `req-${id}` });
    }
    const forA = calls.filter((call) => call.endsWith('req-a'));
    expect(forA).toEqual(['outer:before:req-a', 'inner:before:req-a', 'handler:req-a']);
  });

  it('binds without the static AsyncResource.bind', async () => {
    const bind = jest.spyOn(AsyncResource, 'bind');
    try {
      expect((await app.inject({ method: 'GET', url: '/traced' })).statusCode).toBe(200);
      expect(bind).not.toHaveBeenCalled();
    } finally {
      bind.mockRestore();
    }
  });

  it('patches once, however often it is called', () => {
    const patched = InterceptorsConsumer.prototype.intercept;
    bindInterceptorContextCheaply();
    createFastifyAdapter();
    expect(InterceptorsConsumer.prototype.intercept).toBe(patched);
  });
});
