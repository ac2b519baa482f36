import { Injectable } from '@nestjs/common';
import type { Inventory } from '@bff/downstream-contracts';
import { BffError } from '@bff/problem';
import { generateInventory } from './inventory.seed';

/** Stock per product, seeded once at start-up. */
@Injectable()
export class InventoryService {
  private readonly byProduct = new Map(generateInventory().map((stock) => [stock.productId, stock]));

  get(productId: string): Inventory {
    const stock = this.byProduct.get(productId);
    if (!stock) throw new BffError('NOT_FOUND', `No product with id "${productId}".`);
    return stock;
  }
}
