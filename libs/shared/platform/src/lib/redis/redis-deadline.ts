/**
 * Thrown when Redis has not answered a command within its caller's deadline.
 *
 * @example
 * if (error instanceof RedisDeadlineError) fallBackToMemory();
 */
export class RedisDeadlineError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`Redis did not answer within ${deadlineMs} ms`);
    this.name = 'RedisDeadlineError';
  }
}

/**
 * Settles like `command`, or rejects with {@link RedisDeadlineError} once `deadlineMs`
 * have passed. node-redis's own per-command `timeout` only covers a command still
 * waiting to be written: once on the wire, a Redis that hangs (paused, frozen, a
 * network that drops packets without resetting the connection) would hold the caller
 * forever. A reply that arrives after the deadline is dropped.
 *
 * @example
 * const value = await withDeadline(connection.sendCommand(['GET', key]), 250);
 */
export function withDeadline<T>(command: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisDeadlineError(deadlineMs)), deadlineMs);
  });
  // A command that fails after the deadline must not surface as an unhandled rejection.
  command.catch(() => undefined);
  return Promise.race([command, deadline]).finally(() => clearTimeout(timer));
}
