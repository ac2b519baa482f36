import type { Inventory } from '@bff/downstream-contracts';
import { Injectable } from '@nestjs/common';
import type { CallOptions } from '../call/call-options';
import { GrpcCaller } from '../call/grpc-caller';
import { GrpcClients } from '../transport/grpc-clients';

/**
 * Typed client of the inventory service, over gRPC (`inventory.v1.InventoryService`
 * on `INVENTORY_GRPC_URL`): the gateways speak REST to their clients and gRPC to this
 * service, with the same budgets, resilience and failure mapping as over HTTP.
 *
 * @example
 * const { totalQuantity } = await inventory.getInventory('42', { timeoutMs: 200 });
 */
@Injectable()
export class InventoryClient {
  constructor(
    private readonly grpc: GrpcCaller,
    private readonly clients: GrpcClients,
  ) {}

  /** `InventoryService/GetStock`; an unknown product fails with `NOT_FOUND`. */
  async getInventory(productId: string, options?: CallOptions): Promise<Inventory> {
    const client = this.clients.inventory();
    return this.grpc.unary(
      {
        method: client.getStock.bind(client),
        rpc: '/inventory.v1.InventoryService/GetStock',
        message: { productId },
        idempotent: true,
        notFound: `No inventory for product ${productId}.`,
        // Stock of another product than the one asked for would show on the wrong page.
        isValid: (stock) => stock.productId === productId,
      },
      options,
    );
  }
}
