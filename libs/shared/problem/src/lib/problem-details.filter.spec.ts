import { Controller, Get, Module, NotFoundException, type LoggerService } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { BffError } from './bff.error';
import { ProblemDetailsFilter } from './problem-details.filter';

const downstreamCause = new Error('product service call failed: ECONNREFUSED');

@Controller()
class FailingController {
  @Get('products/:id')
  unavailable(): never {
    throw new BffError('UPSTREAM_UNAVAILABLE', 'The product service is unavailable.', { service: 'product' }, { cause: downstreamCause });
  }

  @Get('paused/:id')
  circuitOpen(): never {
    throw new BffError('UPSTREAM_UNAVAILABLE', 'Calls to it are paused.', { service: 'product', reason: 'circuit-open' });
  }

  @Get('missing/:id')
  mappedNotFound(): never {
    throw new BffError('NOT_FOUND', 'No product with id 9.', { service: 'product' });
  }

  @Get('invalid')
  clientMistake(): never {
    throw new BffError('INVALID_ID', 'productId must be 1-64 letters.');
  }

  @Get('plain-404')
  plainNotFound(): never {
    throw new NotFoundException();
  }

  @Get('later')
  comeBackLater(): never {
    throw new BffError('UPSTREAM_UNAVAILABLE', 'The broker is unavailable.', { reason: 'broker-down', retryAfterSeconds: 2 });
  }

  @Get('bug')
  bug(): never {
    throw new TypeError("Cannot read properties of undefined (reading 'price')");
  }
}

@Module({ controllers: [FailingController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class FailingModule {}

interface Logged {
  level: 'warn' | 'error';
  message: string;
  stack?: string;
}

describe('ProblemDetailsFilter logging', () => {
  let app: NestFastifyApplication;
  let logged: Logged[];
  const logger: LoggerService = {
    log: () => undefined,
    warn: (message: string) => logged.push({ level: 'warn', message }),
    error: (message: string, stack?: string) => logged.push({ level: 'error', message, stack }),
  };

  beforeEach(async () => {
    logged = [];
    const moduleRef = await Test.createTestingModule({ imports: [FailingModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterEach(() => app.close());

  const get = (url: string, requestId = 'r-1') => app.inject({ method: 'GET', url, headers: { 'x-request-id': requestId } });

  it('logs an expected downstream failure as one warn line, without a stack, by route template', async () => {
    const response = await get('/products/42');
    expect(response.statusCode).toBe(503);
    expect(logged).toHaveLength(1);
    const [line] = logged;
    expect(line.level).toBe('warn');
    expect(line.stack).toBeUndefined();
    expect(line.message).toMatch(
      /^GET \/products\/:id 503 UPSTREAM_UNAVAILABLE service=product reason="product service call failed: ECONNREFUSED" requestId=\S+$/,
    );
    expect(line.message).not.toContain('\n');
  });

  it('names the breaker as the reason when it is open', async () => {
    await get('/paused/1');
    expect(logged).toEqual([{ level: 'warn', message: expect.stringMatching(/^GET \/paused\/:id 503 UPSTREAM_UNAVAILABLE service=product reason="circuit-open" /) }]);
  });

  it('logs a downstream answer mapped to a 4xx, and not a client mistake', async () => {
    await get('/missing/9');
    await get('/invalid');
    await get('/plain-404');
    await get('/no-such-route');
    expect(logged).toEqual([{ level: 'warn', message: expect.stringMatching(/^GET \/missing\/:id 404 NOT_FOUND service=product /) }]);
  });

  it('prints the same failure once a minute however many requests meet it', async () => {
    for (let i = 0; i < 20; i++) await get(`/products/${i}`);
    await get('/paused/1');
    expect(logged.map((line) => line.message.split(' reason=')[0])).toEqual([
      'GET /products/:id 503 UPSTREAM_UNAVAILABLE service=product',
      'GET /paused/:id 503 UPSTREAM_UNAVAILABLE service=product',
    ]);
  });

  it('logs an unexpected error at error level with its stack, every time', async () => {
    const first = await get('/bug');
    await get('/bug');
    expect(first.statusCode).toBe(500);
    expect(first.body).not.toContain('price');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toEqual({
      level: 'error',
      message: expect.stringMatching(/^GET \/bug 500 INTERNAL requestId=\S+$/),
      stack: expect.stringContaining("TypeError: Cannot read properties of undefined (reading 'price')\n    at "),
    });
  });

  it('sends Retry-After when the error says when to come back, and not otherwise', async () => {
    const later = await get('/later');
    expect(later.statusCode).toBe(503);
    expect(later.headers['retry-after']).toBe('2');
    expect(later.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfterSeconds: 2 });
    expect((await get('/products/1')).headers['retry-after']).toBeUndefined();
  });
});
