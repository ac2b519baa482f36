import { Test } from '@nestjs/testing';
import { getOptionsToken, getStorageToken } from '@nestjs/throttler';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { ThrottlingMetrics } from './throttling.metrics';
import { ThrottlingModule } from './throttling.module';

describe('ThrottlingModule', () => {
  it('registers ThrottlerModule with one named throttler per tier and the GCRA storage', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ThrottlingModule.forRootAsync({
          useFactory: () => ({
            tiers: {
              default: [
                { name: 'burst', limit: 20, windowSeconds: 1 },
                { name: 'minute', limit: 600, windowSeconds: 60 },
              ],
              login: [{ name: 'login', limit: 5, windowSeconds: 60 }],
            },
            defaultTier: 'default',
            keyPrefix: 'test:rl:',
          }),
        }),
      ],
    }).compile();
    try {
      expect(moduleRef.get(getOptionsToken())).toMatchObject({
        throttlers: expect.arrayContaining([
          { name: 'default', limit: 20, ttl: 1_000 },
          { name: 'login', limit: 5, ttl: 60_000 },
        ]),
      });
      expect(moduleRef.get(getStorageToken())).toBeInstanceOf(MemoryRateLimitStore);
      expect(moduleRef.get(ThrottlingMetrics)).toBeInstanceOf(ThrottlingMetrics);
    } finally {
      await moduleRef.close();
    }
  });
});
