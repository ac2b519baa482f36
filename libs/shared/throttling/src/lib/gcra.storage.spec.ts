import { Controller, Get, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { createFastifyAdapter } from '@bff/platform';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import type { TierPolicy } from './tier-policy';

const tiers: Record<string, TierPolicy[]> = {
  default: [
    { name: 'burst', limit: 2, windowSeconds: 1 },
    { name: 'minute', limit: 3, windowSeconds: 60 },
  ],
};

describe('GcraStorage as a ThrottlerStorage', () => {
  it('charges every policy of the tier a throttler names, all or nothing', async () => {
    const storage = new MemoryRateLimitStore(100, () => 0, tiers);
    // limit and ttl are the first policy's, as ThrottlingModule registers them; the tier decides.
    const hit = () => storage.increment('default:ip:10.0.0.1', 1_000, 2, 1_000, 'default');
    const first = await hit();
    expect(first.limits.map((limit) => [limit.policy.name, limit.remaining])).toEqual([
      ['burst', 1],
      ['minute', 2],
    ]);
    await hit();
    const refused = await hit();
    expect(refused.allowed).toBe(false);
    expect(refused.limits.map((limit) => [limit.remaining, limit.exceeded])).toEqual([
      [0, true],
      [1, false],
    ]);
  });

  it('answers with the stock record fields, describing the first policy', async () => {
    const storage = new MemoryRateLimitStore(100, () => 0, tiers);
    const accepted = await storage.increment('k', 1_000, 2, 1_000, 'default');
    expect(accepted).toMatchObject({ totalHits: 1, timeToExpire: 1, isBlocked: false, timeToBlockExpire: 0 });
    await storage.increment('k', 1_000, 2, 1_000, 'default');
    const refused = await storage.increment('k', 1_000, 2, 1_000, 'default');
    expect(refused).toMatchObject({ totalHits: 2, isBlocked: true, timeToBlockExpire: 1 });
  });

  it('counts a throttler that is not a tier as one policy of limit per ttl', async () => {
    let now = 0;
    const storage = new MemoryRateLimitStore(100, () => now);
    const hit = () => storage.increment('k', 60_000, 2, 60_000, 'plain');
    expect((await hit()).isBlocked).toBe(false);
    expect((await hit()).isBlocked).toBe(false);
    const refused = await hit();
    expect(refused).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    expect(refused.limits[0].policy).toEqual({ name: 'plain', limit: 2, windowSeconds: 60 });
    now = 30_000;
    expect((await hit()).isBlocked).toBe(false);
  });

  it('serves the stock ThrottlerGuard of a plain ThrottlerModule', async () => {
    @Controller()
    class PingController {
      @Get('ping')
      ping() {
        return 'pong';
      }
    }
    @Module({
      imports: [
        ThrottlerModule.forRoot({
          throttlers: [{ limit: 2, ttl: 60_000 }],
          storage: new MemoryRateLimitStore(100),
        }),
      ],
      controllers: [PingController],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    })
    class PlainModule {}

    const moduleRef = await Test.createTestingModule({ imports: [PlainModule] }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), {
      logger: false,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const responses = [];
      for (let i = 0; i < 3; i++) responses.push(await app.inject({ method: 'GET', url: '/ping' }));
      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 429]);
      expect(responses[0].headers['x-ratelimit-remaining']).toBe('1');
      expect(responses[2].headers['retry-after']).toBe('30');
    } finally {
      await app.close();
    }
  });
});
