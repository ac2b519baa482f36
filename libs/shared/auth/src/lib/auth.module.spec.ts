import { type CanActivate, Controller, Get, Injectable, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createFastifyAdapter, pipelineGuards, PlatformModule } from '@bff/platform';
import { BffAuthGuard } from './auth.guard';
import { AuthModule } from './auth.module';
import { claims, hmacToken, ISSUER, TEST_SECRET, WEB_AUDIENCE } from './testing/tokens.fixture';

@Controller()
class AccountController {
  @Get('account')
  account() {
    return { ok: true };
  }
}

/** Stands in for the rate limiter in the pipeline's limit stage. */
@Injectable()
class NoLimit implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

async function start(globalGuard: boolean | undefined, providers: Provider[] = []): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ service: 'auth-module' }),
      AuthModule.forRootAsync({
        useFactory: () => ({ issuer: ISSUER, audience: WEB_AUDIENCE, hs256Secret: TEST_SECRET }),
        ...(globalGuard === undefined ? {} : { globalGuard }),
      }),
    ],
    controllers: [AccountController],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const withToken = { authorization: `Bearer ${hmacToken(TEST_SECRET, claims())}` };

describe('AuthModule', () => {
  it('registers its guard globally by default', async () => {
    const app = await start(undefined);
    try {
      expect((await app.inject({ method: 'GET', url: '/account' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/account', headers: withToken })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('registers no guard of its own with globalGuard: false', async () => {
    const app = await start(false);
    try {
      expect((await app.inject({ method: 'GET', url: '/account' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('exports its guard, for the app to register as the identify stage of its pipeline', async () => {
    const guards = pipelineGuards({ identify: BffAuthGuard, limit: NoLimit });
    const app = await start(false, [NoLimit, ...guards.map((guard) => ({ provide: APP_GUARD, useExisting: guard }))]);
    try {
      expect((await app.inject({ method: 'GET', url: '/account' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/account', headers: withToken })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
