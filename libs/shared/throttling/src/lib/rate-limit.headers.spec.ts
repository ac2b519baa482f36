import { rateLimitHeader, rateLimitPolicyHeader } from './rate-limit.headers';
import type { TierPolicy } from './tier-policy';

const burst: TierPolicy = { name: 'burst', limit: 20, windowSeconds: 1 };
const minute: TierPolicy = { name: 'minute', limit: 600, windowSeconds: 60 };

describe('RateLimit header fields', () => {
  it('lists every policy of the tier as quota per window', () => {
    expect(rateLimitPolicyHeader([burst, minute])).toBe('"burst";q=20;w=1, "minute";q=600;w=60');
  });

  it('lists what remains of each policy and when more becomes available', () => {
    expect(
      rateLimitHeader({
        allowed: false,
        retryAfterSeconds: 18,
        limits: [
          { policy: burst, remaining: 20, exceeded: false },
          { policy: minute, remaining: 0, resetSeconds: 18, exceeded: true },
        ],
      }),
    ).toBe('"burst";r=20, "minute";r=0;t=18');
  });
});
