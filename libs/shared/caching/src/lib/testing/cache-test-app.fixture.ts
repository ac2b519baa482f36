import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Header,
  Headers,
  HttpCode,
  Injectable,
  Module,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { BffError } from '@bff/problem';
import { createFastifyAdapter, PlatformModule, RequestContext, ResourceIdPipe } from '@bff/platform';
import type { FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CachePolicy } from '../cache-policy.decorator';
import { CacheMetrics } from '../cache.metrics';
import { CachingModule } from '../caching.module';
import type { CachingOptions } from '../caching.options';
import { InvalidatesCache } from '../invalidates-cache.decorator';

/**
 * Stands in for the downstream services: counts calls, and can be slowed, held,
 * made to fail or made to return new data, like a real service under test.
 */
export class FakeDownstream {
  calls = 0;
  /** Bumped by every write, so a refreshed body differs from a cached one. */
  version = 1;
  failure: Error | undefined;
  private held: Promise<void> | undefined;
  private releaseHeld: (() => void) | undefined;

  async fetch(resource: string, input: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    this.calls += 1;
    const version = this.version;
    if (this.held !== undefined) await this.held;
    if (this.failure !== undefined) throw this.failure;
    return { resource, ...input, version };
  }

  write(): void {
    this.version += 1;
  }

  /** Calls made from now on wait until {@link release}. */
  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.releaseHeld?.();
    this.held = undefined;
  }
}

/**
 * Plays the auth guard: `Authorization: Bearer user:<sub>` is a verified caller;
 * any other credentials are left unverified, as on a route that does not check them.
 */
@Injectable()
class TestAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { sub: string } }>();
    const match = /^Bearer user:([A-Za-z0-9_-]+)$/.exec(request.headers.authorization ?? '');
    if (match?.[1] !== undefined) request.user = { sub: match[1] };
    return true;
  }
}

const productTags = (request: { params: Readonly<Record<string, string>> }) => [`product:${request.params['productId']}`];

@Controller()
class CatalogController {
  constructor(private readonly downstream: FakeDownstream) {}

  /** Reflects every header and identity a careless handler might use, to prove unkeyed ones never reach it. */
  @Get('products/:productId')
  @CachePolicy({ ttlSeconds: 30, scope: 'public', query: ['currency', 'fields'], tags: productTags })
  product(
    @Param('productId', ResourceIdPipe) productId: string,
    @Query() query: Record<string, unknown>,
    @Headers() headers: IncomingHttpHeaders,
    @Req() request: FastifyRequest & { user?: { sub: string } },
  ) {
    return this.downstream.fetch('product', {
      productId,
      query,
      language: headers['accept-language'] ?? null,
      host: headers['x-forwarded-host'] ?? headers.host ?? null,
      seenHeaders: Object.keys(headers).sort(),
      subject: RequestContext.current()?.data.subject ?? null,
      user: request.user?.sub ?? null,
    });
  }

  @Get('product-details/:productId')
  @CachePolicy({ ttlSeconds: 0.3, staleWhileRevalidateSeconds: 30, staleIfErrorSeconds: 30, scope: 'public', tags: productTags })
  details(@Param('productId', ResourceIdPipe) productId: string, @Headers('x-forwarded-host') forwardedHost?: string) {
    return this.downstream.fetch('details', {
      productId,
      requestId: RequestContext.current()?.data.requestId,
      host: forwardedHost ?? null,
    });
  }

  @Get('availability/:productId')
  @CachePolicy({ ttlSeconds: 0.3, staleIfErrorSeconds: 1, scope: 'public' })
  availability(@Param('productId', ResourceIdPipe) productId: string) {
    return this.downstream.fetch('availability', { productId });
  }

  @Get('me/wishlist')
  @CachePolicy({ ttlSeconds: 30, scope: 'per-user' })
  wishlist(@Req() request: FastifyRequest & { user?: { sub: string } }) {
    return this.downstream.fetch('wishlist', {
      owner: RequestContext.current()?.data.subject ?? null,
      user: request.user?.sub ?? null,
    });
  }

  /** The downstream answered with `Cache-Control: private` (or `no-store`, or a cookie). */
  @Get('recommendations')
  @CachePolicy({ ttlSeconds: 30, scope: 'public' })
  async recommendations() {
    const body = await this.downstream.fetch('recommendations');
    RequestContext.current()?.markUncacheable('downstream Cache-Control: private');
    return body;
  }

  @Get('banner')
  @Header('vary', 'Origin')
  @CachePolicy({ ttlSeconds: 30, scope: 'public' })
  async banner() {
    await this.downstream.fetch('banner');
    return 'Summer sale';
  }

  @Get('greeting')
  @Header('set-cookie', 'seen=1; Path=/')
  @CachePolicy({ ttlSeconds: 30, scope: 'public' })
  greeting() {
    return this.downstream.fetch('greeting');
  }

  @Get('missing/:productId')
  @CachePolicy({ ttlSeconds: 30, scope: 'public' })
  async missing(@Param('productId', ResourceIdPipe) productId: string) {
    await this.downstream.fetch('missing');
    throw new BffError('NOT_FOUND', `No product ${productId}.`);
  }

  @Get('accepted')
  @HttpCode(202)
  @CachePolicy({ ttlSeconds: 30, scope: 'public' })
  accepted() {
    return this.downstream.fetch('accepted');
  }

  @Post('products/:productId/reviews')
  @InvalidatesCache(productTags)
  async addReview(@Param('productId', ResourceIdPipe) productId: string) {
    await this.downstream.fetch('add-review', { productId });
    this.downstream.write();
    return { productId, stored: true };
  }

  @Post('products/:productId/rejected-reviews')
  @InvalidatesCache(productTags)
  async rejectReview() {
    throw new BffError('BAD_REQUEST', 'Rating must be 1 to 5.');
  }
}

export interface CacheTestApp {
  url: string;
  app: NestFastifyApplication;
  metrics: CacheMetrics;
  downstream: FakeDownstream;
  close(): Promise<void>;
}

/** The languages the test app answers in, as a BFF's `SUPPORTED_LANGUAGES` would list them. */
export const TEST_LANGUAGES: readonly string[] = ['en', 'fr', 'de'];

/** Boots the catalog controller behind the cache on a free port, the way a BFF wires it. */
export async function startCacheTestApp(
  options: CachingOptions,
  downstream: FakeDownstream = new FakeDownstream(),
): Promise<CacheTestApp> {
  @Module({
    imports: [
      PlatformModule.forRoot({ service: `cache-test-${options.client}`, languages: TEST_LANGUAGES }),
      CachingModule.forRoot(options),
    ],
    controllers: [CatalogController],
    providers: [{ provide: FakeDownstream, useValue: downstream }, { provide: APP_GUARD, useClass: TestAuthGuard }],
  })
  class CacheTestModule {}

  const moduleRef = await Test.createTestingModule({ imports: [CacheTestModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    metrics: app.get(CacheMetrics),
    downstream,
    close: () => app.close(),
  };
}

/** The response of a GET with its body parsed when it is JSON. */
export interface CachedFetch {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export async function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<CachedFetch> {
  const response = await fetch(url, { method, headers });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '') && text !== '' ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { status: response.status, headers: response.headers, text, json };
}

/** Polls until `check` holds, for effects that complete after the response (background refresh, reconnection). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
