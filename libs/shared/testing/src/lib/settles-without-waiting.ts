/**
 * Whether `promise` settles before the event loop's next check phase: true for an
 * answer made of promise callbacks alone, false once it waits for a timer or for I/O.
 * "Fails fast" (an open breaker, a full bulkhead) is asserted this way rather than with
 * a wall-clock bound, which a loaded machine can break.
 *
 * @example
 * const refused = breaker.execute(call);
 * expect(await settlesWithoutWaiting(refused)).toBe(true);
 */
export async function settlesWithoutWaiting(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}
