import { RateLimitedLogger } from './rate-limited.logger';

describe('RateLimitedLogger', () => {
  let now = 0;
  let lines: string[] = [];
  const logger = () => new RateLimitedLogger({ warn: (line: string) => lines.push(line) }, 60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
    lines = [];
  });

  it('prints a line once per minute, with the first occurrence, and says how many it held back', () => {
    const log = logger();
    for (let i = 0; i < 50; i++) log.warn('GET /users/:userId 503 UPSTREAM_UNAVAILABLE service=user', `requestId=r-${i}`);
    expect(lines).toEqual(['GET /users/:userId 503 UPSTREAM_UNAVAILABLE service=user requestId=r-0']);

    now += 60_000;
    log.warn('GET /users/:userId 503 UPSTREAM_UNAVAILABLE service=user', 'requestId=r-50');
    expect(lines[1]).toBe(
      'GET /users/:userId 503 UPSTREAM_UNAVAILABLE service=user requestId=r-50 (49 more like this in the previous window)',
    );
  });

  it('limits each distinct line on its own', () => {
    const log = logger();
    log.warn('a');
    log.warn('b');
    log.warn('a');
    expect(lines).toEqual(['a', 'b']);
  });

  it('remembers a bounded number of lines', () => {
    const log = logger();
    for (let i = 0; i < 1_001; i++) log.warn(`line ${i}`);
    log.warn('line 0');
    expect(lines).toHaveLength(1_002);
  });
});
