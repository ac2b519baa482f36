import { execFileSync } from 'node:child_process';

const POLL_MS = 50;

/**
 * Connections the kernel has completed for the listener on `port` that its process has
 * not accepted yet (the `Recv-Q` of the listening socket in `ss`), or undefined where
 * `ss` is missing.
 *
 * @example
 * acceptQueueLength(3001); // 0 when the server keeps up
 */
export function acceptQueueLength(port) {
  try {
    const line = execFileSync('ss', ['-Hltn', `( sport = :${port} )`], { encoding: 'utf8' }).trim().split('\n')[0];
    const [, recvQ] = line.trim().split(/\s+/);
    return recvQ === undefined ? undefined : Number(recvQ);
  } catch {
    return undefined;
  }
}

/**
 * Waits (at most `timeoutMs`) until the server on `port` has accepted every connection
 * queued for it, and says how many were left and how long it took.
 *
 * Why a level needs this: Node's event loop accepts one connection per turn, so a
 * server busy with a level's connections has not yet accepted all of the warm-up's
 * when the warm-up ends. autocannon then closes those, and the measured run's new
 * connections wait in the kernel behind the dead ones, which the server must accept
 * and discard one turn at a time. Measured that way, a few hundred requests of a
 * 1,000-connection run stay unanswered for autocannon's whole 10 s timeout: a property
 * of how the bench changes load generators, not of the gateway.
 *
 * @example
 * const { left, waitedMs } = await settleAcceptQueue(3001);
 */
export async function settleAcceptQueue(port, timeoutMs = 10_000) {
  const started = Date.now();
  let left = acceptQueueLength(port);
  while (left !== undefined && left > 0 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    left = acceptQueueLength(port);
  }
  return { left, waitedMs: Date.now() - started };
}
