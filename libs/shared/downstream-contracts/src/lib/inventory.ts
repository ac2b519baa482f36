import type { Stock__Output } from './grpc/generated/inventory/v1/Stock';
import type { WarehouseStock__Output } from './grpc/generated/inventory/v1/WarehouseStock';

/**
 * One warehouse's stock of a product, as `inventory.v1.WarehouseStock` defines it.
 *
 * @example
 * const stock: WarehouseStock = { warehouseId: 'w1', name: 'Rotterdam', quantity: 3 };
 */
export type WarehouseStock = WarehouseStock__Output;

/**
 * Stock of one product across warehouses, as `inventory.v1.Stock` defines it: the
 * answer of `InventoryService/GetStock` (and of the service's `GET /inventory/:productId`).
 *
 * @example
 * const { totalQuantity } = await inventoryClient.getInventory('1');
 */
export type Inventory = Stock__Output;
