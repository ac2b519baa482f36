export interface WarehouseStock {
  warehouseId: string;
  name: string;
  quantity: number;
}

/**
 * Stock of one product across warehouses, from `GET /inventory/:productId`.
 *
 * @example
 * const { totalQuantity } = await inventoryClient.getInventory('1');
 */
export interface Inventory {
  productId: string;
  warehouses: WarehouseStock[];
  totalQuantity: number;
  updatedAt: string;
}
