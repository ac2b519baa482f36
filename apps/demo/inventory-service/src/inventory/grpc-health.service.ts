import { status as GrpcStatus, type ServerWritableStream } from '@grpc/grpc-js';
import type { HealthCheckRequest, HealthCheckResponse, HealthHandlers } from '@bff/downstream-contracts';
import { grpcError } from '@bff/demo-kit';

type Watcher = ServerWritableStream<HealthCheckRequest, HealthCheckResponse>;

/**
 * `grpc.health.v1.Health` for a server's services: `''` (the server as a whole) and
 * each name given are `SERVING` until {@link shutdown}, then `NOT_SERVING`. `Check`
 * of an unknown name is the status `NOT_FOUND` and `Watch` of one is
 * `SERVICE_UNKNOWN`, as the protocol asks; at shutdown every watch ends. Health calls are never faulted nor
 * counted, as `GET /health` is not.
 *
 * @example
 * const health = new GrpcHealth(['inventory.v1.InventoryService']);
 * server.addService(healthV1().grpc.health.v1.Health.service, health.handlers);
 * health.shutdown(); // watchers get NOT_SERVING, then their streams end
 */
export class GrpcHealth {
  private readonly services: ReadonlySet<string>;
  /** Open watches, and whether each watches a known service. */
  private readonly watchers = new Map<Watcher, boolean>();
  private serving = true;

  constructor(services: readonly string[]) {
    this.services = new Set(['', ...services]);
  }

  readonly handlers: HealthHandlers = {
    Check: (call, callback) => {
      if (!this.services.has(call.request.service)) {
        callback(grpcError(GrpcStatus.NOT_FOUND, `Unknown service "${call.request.service}".`));
        return;
      }
      callback(null, { status: this.status() });
    },
    Watch: (call) => {
      const known = this.services.has(call.request.service);
      call.write({ status: known ? this.status() : 'SERVICE_UNKNOWN' });
      if (!this.serving) {
        call.end();
        return;
      }
      // Open until the client cancels or the server shuts down; nothing else changes a status here.
      this.watchers.set(call, known);
      call.once('cancelled', () => this.watchers.delete(call));
    },
  };

  /** Reports `NOT_SERVING` from now on, and ends every watch after telling it so. */
  shutdown(): void {
    this.serving = false;
    for (const [watcher, known] of this.watchers) {
      if (known) watcher.write({ status: 'NOT_SERVING' });
      watcher.end();
    }
    this.watchers.clear();
  }

  private status(): 'SERVING' | 'NOT_SERVING' {
    return this.serving ? 'SERVING' : 'NOT_SERVING';
  }
}
