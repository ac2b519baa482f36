/**
 * Whether the gateway itself is overloaded, for code that must not blame a downstream
 * service for the gateway's own slowness: a call that timed out while the gateway's
 * event loop was congested may have had its answer waiting, unread, in a socket.
 * Provided by `AdmissionModule`; without it nothing is ever congested.
 *
 * @example
 * const startedAt = performance.now();
 * try { await send(); } catch (error) {
 *   const blameService = !(isTimeout(error) && load.congestedSince(startedAt));
 * }
 */
export abstract class GatewayLoad {
  /** Whether the gateway was congested at any time since `startedAt` (a `performance.now()` time). */
  abstract congestedSince(startedAt: number): boolean;
}
