import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Module,
  Post,
  Type,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter, InfrastructureRoute, pipelineGuards, PlatformModule } from '@bff/platform';
import { BffError } from '@bff/problem';
import type { FastifyRequest } from 'fastify';
import { bodyField } from '../lib/body-field';
import { RateLimitTier, SkipRateLimit } from '../lib/rate-limit.decorators';
import { RateLimitGuard } from '../lib/rate-limit.guard';
import { ThrottlingMetrics } from '../lib/throttling.metrics';
import { ThrottlingModule } from '../lib/throttling.module';
import type { ThrottlingOptions } from '../lib/throttling.options';

/**
 * Tiers with windows long enough that nothing refills while a test runs: the
 * default tier grants 5 at once (one more every 2 s) and 8 a minute.
 */
export const TEST_TIERS = {
  default: [
    { name: 'burst', limit: 5, windowSeconds: 10 },
    { name: 'minute', limit: 8, windowSeconds: 60 },
  ],
  login: [{ name: 'login', limit: 3, windowSeconds: 60 }],
  'login-ip': [{ name: 'login-ip', limit: 4, windowSeconds: 60 }],
  'login-account': [{ name: 'login-account', limit: 5, windowSeconds: 60 }],
  strict: [{ name: 'strict', limit: 2, windowSeconds: 60 }],
};

/** Stands in for JWT verification: whatever `x-test-subject` says becomes the verified subject. */
@Injectable()
class HeaderAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { sub: string } }>();
    const subject = request.headers['x-test-subject'];
    if (typeof subject === 'string') request.user = { sub: subject };
    return true;
  }
}

/** How an auth library might ship the same guard: registered globally by its own module. */
@Module({ providers: [{ provide: APP_GUARD, useClass: HeaderAuthGuard }] })
class HeaderAuthModule {}

@Controller()
class CatalogueController {
  @Get('items')
  items() {
    return { items: [] };
  }

  @Post('login')
  @RateLimitTier('login', { by: bodyField('username') })
  login() {
    return { token: 'opaque' };
  }

  /** The web gateway's sign-in: per caller and account, per caller, and per account whoever asks. */
  @Post('sign-in')
  @RateLimitTier('login', { by: bodyField('username') })
  @RateLimitTier('login-ip')
  @RateLimitTier('login-account', { by: bodyField('username'), perCaller: false })
  signIn() {
    return { token: 'opaque' };
  }

  @Get('public')
  @SkipRateLimit()
  publicInfo() {
    return { open: true };
  }

  @Get('metrics')
  @InfrastructureRoute()
  metrics() {
    return {};
  }

  @Get('broken')
  broken() {
    throw new BffError('UPSTREAM_UNAVAILABLE', 'The catalogue is down.');
  }
}

@Controller('reports')
@RateLimitTier('strict')
class ReportsController {
  @Get()
  list() {
    return [];
  }

  @Get('daily')
  @RateLimitTier('default')
  daily() {
    return [];
  }
}

export interface ThrottledAppSetup {
  controllers?: Type[];
  /** Register the stand-in authentication guard in a module imported before ThrottlingModule. */
  authModule?: boolean;
  /**
   * Register the guards as a gateway does, in the order of `pipelineGuards` (identify:
   * the stand-in, limit: the rate-limit guard), with ThrottlingModule's own registration off.
   */
  pipeline?: boolean;
  /** ThrottlingModule's own registration of the guard; by default on unless `pipeline`. */
  globalGuard?: boolean;
}

export interface ThrottledApp {
  url: string;
  metrics: ThrottlingMetrics;
  close(): Promise<void>;
}

/**
 * A small app on Fastify with the platform's problem+json filter and a stand-in
 * authentication guard that runs before the rate-limit guard (registered in the root
 * module, or in a module imported before ThrottlingModule), on a free port.
 */
export async function startThrottledApp(
  overrides: Partial<ThrottlingOptions> = {},
  {
    controllers = [CatalogueController, ReportsController],
    authModule = false,
    pipeline = false,
    globalGuard = !pipeline,
  }: ThrottledAppSetup = {},
): Promise<ThrottledApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ service: 'throttling-test' }),
      ...(authModule ? [HeaderAuthModule] : []),
      ThrottlingModule.forRootAsync({
        useFactory: (): ThrottlingOptions => ({
          tiers: TEST_TIERS,
          defaultTier: 'default',
          keyPrefix: 'test:throttling:',
          ...overrides,
        }),
        globalGuard,
      }),
    ],
    controllers,
    providers: pipeline
      ? [
          HeaderAuthGuard,
          ...pipelineGuards({ identify: HeaderAuthGuard, limit: RateLimitGuard }).map((guard) => ({
            provide: APP_GUARD,
            useExisting: guard,
          })),
        ]
      : authModule
        ? []
        : [{ provide: APP_GUARD, useClass: HeaderAuthGuard }],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
    logger: false,
  });
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  return { url: await app.getUrl(), metrics: app.get(ThrottlingMetrics), close: () => app.close() };
}

/** Runs `check` against an app started as {@link startThrottledApp} starts it, and closes the app after. */
export async function withThrottledApp(
  overrides: Partial<ThrottlingOptions>,
  setup: ThrottledAppSetup,
  check: (app: ThrottledApp) => Promise<void>,
): Promise<void> {
  const app = await startThrottledApp(overrides, setup);
  try {
    await check(app);
  } finally {
    await app.close();
  }
}
