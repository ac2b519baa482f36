import type { Inventory } from '@bff/downstream-contracts';
import { Injectable } from '@nestjs/common';
import type { CallOptions } from '../call/call-options';
import { DownstreamCaller } from '../call/downstream-caller';
import { path } from '../call/downstream-path';

/**
 * Typed client of the inventory service.
 *
 * @example
 * const { totalQuantity } = await inventory.getInventory('42', { timeoutMs: 200 });
 */
@Injectable()
export class InventoryClient {
  constructor(private readonly downstream: DownstreamCaller) {}

  /** `GET /inventory/:productId`; an unknown product fails with `NOT_FOUND`. */
  async getInventory(productId: string, options?: CallOptions): Promise<Inventory> {
    return this.downstream.call<Inventory>(
      {
        method: 'GET',
        path: path`/inventory/${productId}`,
        notFound: `No inventory for product ${productId}.`,
      },
      options,
    );
  }
}
