/**
 * Resolves once `work` has settled, or after `ms`, whichever comes first, and never
 * rejects: for waits on a broker that may be gone (start-up, shutdown), which must
 * neither hang nor fail the process.
 *
 * @example
 * await settledWithin(channel.close(), 1_000);
 */
export function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  const settled = work.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([settled, elapsed]).finally(() => clearTimeout(timer));
}
