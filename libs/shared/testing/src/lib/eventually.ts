/**
 * The first defined value of `probe`, polled every 100 ms for up to `timeoutMs`: for
 * what a test waits to become true of another process (a consumer attached, an event
 * handled, a readiness report changed), instead of a fixed sleep.
 *
 * @example
 * const done = await eventually(async () => ((await operation()).status === 'done' ? true : undefined));
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not so within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `check` (assertions) every 20 ms until it passes, for up to `timeoutMs`; past
 * that, its last failure is the test's.
 *
 * @example
 * await eventuallyPasses(() => expect(stub.calls).toHaveLength(1));
 */
export async function eventuallyPasses(check: () => unknown, timeoutMs = 3_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
