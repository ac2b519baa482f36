import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { GrpcFaultInjection } from '@bff/demo-kit';
import { healthV1, inventoryV1 } from '@bff/downstream-contracts';
import { InventoryServiceConfig } from '../app/inventory-service.config';
import { GrpcHealth } from './grpc-health.service';
import { INVENTORY_GRPC_SERVICE, getStockMethod } from './inventory.grpc-methods';
import { InventoryService } from './inventory.service';

/** How long calls in flight get to finish at shutdown before they are cut. */
const SHUTDOWN_GRACE_MS = 2_000;

/**
 * Serves `inventory.v1.InventoryService` and `grpc.health.v1.Health` over gRPC on
 * `HOST`:`GRPC_PORT`, beside the HTTP API and on the same data. It binds while the app
 * boots, so `inventory-service gRPC listening on <host>:<port>` is logged before the
 * HTTP server's ready line, and a supervisor that waits for that line finds both up.
 *
 * Shutdown: health turns `NOT_SERVING` and its watches end; injected hangs and delays
 * have already ended (`GrpcFaultInjection`, before application shutdown); calls still
 * running get {@link SHUTDOWN_GRACE_MS}, then their streams are cut.
 *
 * @example
 * @Module({ imports: [DemoFaultsModule], providers: [InventoryService, InventoryGrpcServer] })
 * export class InventoryModule {}
 */
@Injectable()
export class InventoryGrpcServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('inventory-service');
  private readonly server = new Server();
  private readonly health = new GrpcHealth([INVENTORY_GRPC_SERVICE]);
  private boundPort: number | undefined;

  constructor(
    private readonly config: InventoryServiceConfig,
    private readonly inventory: InventoryService,
    private readonly faults: GrpcFaultInjection,
  ) {}

  /** The port the server is bound to, once the app has booted (`GRPC_PORT=0` picks one). */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('The gRPC server is not bound yet.');
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.server.addService(inventoryV1().inventory.v1.InventoryService.service, {
      GetStock: this.faults.unary(getStockMethod(this.inventory)),
    });
    this.server.addService(healthV1().grpc.health.v1.Health.service, this.health.handlers);
    const host = this.config.get('HOST');
    this.boundPort = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync(hostPort(host, this.config.get('GRPC_PORT')), ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      );
    });
    this.logger.log(`inventory-service gRPC listening on ${hostPort(displayHost(host), this.boundPort)}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.health.shutdown();
    if (this.boundPort === undefined) return;
    await new Promise<void>((resolve) => {
      const cut = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, SHUTDOWN_GRACE_MS);
      this.server.tryShutdown(() => {
        clearTimeout(cut);
        resolve();
      });
    });
  }
}

/** `host:port`, with an IPv6 host in brackets, as gRPC targets and bind addresses are written. */
function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The address a client on this machine reaches a wildcard bind at, as the HTTP ready line shows it. */
function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}
