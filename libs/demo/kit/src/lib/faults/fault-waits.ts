/** How a fault's wait ended. */
export type WaitOutcome = 'elapsed' | 'client-gone' | 'shutdown';

/**
 * The caller a fault keeps waiting, whatever carries its request (an HTTP exchange,
 * a gRPC call): whether it has gone, and a way to hear when it goes.
 */
export interface FaultClient {
  readonly gone: boolean;
  /** Calls `listener` once the client goes; returns what stops listening. */
  onGone(listener: () => void): () => void;
}

/**
 * The waits of injected latency and hangs on one transport, ended together when the
 * app shuts down: a hanging request would otherwise hold the server open forever.
 *
 * @example
 * const waits = new FaultWaits();
 * if ((await waits.wait(client, 500)) !== 'elapsed') return; // the client left, or shutdown
 * waits.endAll(); // in beforeApplicationShutdown
 */
export class FaultWaits {
  private readonly pending = new Set<() => void>();
  private ended = false;

  /** Resolves after `ms` (never, without it), or earlier when the client goes or {@link endAll} runs. */
  wait(client: FaultClient, ms?: number): Promise<WaitOutcome> {
    if (client.gone) return Promise.resolve('client-gone');
    if (this.ended) return Promise.resolve('shutdown');
    return new Promise((resolve) => {
      const settle = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        stopListening();
        this.pending.delete(onShutdown);
        resolve(outcome);
      };
      const onShutdown = () => settle('shutdown');
      const timer = ms === undefined ? undefined : setTimeout(() => settle('elapsed'), ms);
      const stopListening = client.onGone(() => settle('client-gone'));
      this.pending.add(onShutdown);
    });
  }

  /** Ends every pending wait with `'shutdown'`, and every later one at once. */
  endAll(): void {
    this.ended = true;
    for (const end of Array.from(this.pending)) end();
  }
}
