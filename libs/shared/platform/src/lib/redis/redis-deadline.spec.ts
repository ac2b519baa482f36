import { RedisDeadlineError, withDeadline } from './redis-deadline';

describe('withDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('settles with the command when it answers in time', async () => {
    await expect(withDeadline(Promise.resolve('OK'), 250)).resolves.toBe('OK');
    await expect(withDeadline(Promise.reject(new Error('WRONGTYPE')), 250)).rejects.toThrow('WRONGTYPE');
  });

  it('rejects a command that never answers once the deadline has passed', async () => {
    const outcome = withDeadline(new Promise<never>(() => undefined), 250);
    jest.advanceTimersByTime(249);
    const early = await Promise.race([outcome.then(() => 'settled', () => 'settled'), Promise.resolve('pending')]);
    expect(early).toBe('pending');
    jest.advanceTimersByTime(1);
    await expect(outcome).rejects.toBeInstanceOf(RedisDeadlineError);
  });

  it('drops a failure that arrives after the deadline', async () => {
    let fail: (error: Error) => void = () => undefined;
    const outcome = withDeadline(new Promise<never>((_, reject) => (fail = reject)), 100);
    jest.advanceTimersByTime(100);
    await expect(outcome).rejects.toBeInstanceOf(RedisDeadlineError);
    fail(new Error('late'));
    await Promise.resolve();
  });
});
