import { AuthFailureLimiter, tooManyAuthFailures } from './auth-failure.limiter';

describe('AuthFailureLimiter', () => {
  let nowMs = 1_000_000;
  const limiter = () => new AuthFailureLimiter({ limit: 3, windowSeconds: 60 }, () => nowMs);

  it('lets a client fail up to its limit, then says how long to wait until the window that the first failure opened ends', () => {
    const failures = limiter();
    for (let i = 0; i < 3; i += 1) {
      expect(failures.retryAfterSeconds('203.0.113.7')).toBe(0);
      failures.recordFailure('203.0.113.7');
      nowMs += 1_000;
    }
    expect(failures.retryAfterSeconds('203.0.113.7')).toBe(57);
    nowMs += 56_500;
    expect(failures.retryAfterSeconds('203.0.113.7')).toBe(1);
    nowMs += 500;
    expect(failures.retryAfterSeconds('203.0.113.7')).toBe(0);
  });

  it('gives each client a budget of its own', () => {
    const failures = limiter();
    for (let i = 0; i < 3; i += 1) failures.recordFailure('203.0.113.7');
    expect(failures.retryAfterSeconds('203.0.113.7')).toBeGreaterThan(0);
    expect(failures.retryAfterSeconds('203.0.113.8')).toBe(0);
  });

  it('starts a fresh window after one ends', () => {
    const failures = limiter();
    failures.recordFailure('198.51.100.1');
    failures.recordFailure('198.51.100.1');
    nowMs += 60_000;
    failures.recordFailure('198.51.100.1');
    failures.recordFailure('198.51.100.1');
    expect(failures.retryAfterSeconds('198.51.100.1')).toBe(0);
    failures.recordFailure('198.51.100.1');
    expect(failures.retryAfterSeconds('198.51.100.1')).toBe(60);
  });

  it('answers a rate-limit problem that carries the wait', () => {
    expect(tooManyAuthFailures(12)).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      extensions: { reason: 'too_many_auth_failures', retryAfterSeconds: 12 },
    });
  });
});
