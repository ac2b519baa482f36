// Original file: libs/shared/downstream-contracts/proto/inventory/v1/inventory.proto

import type { WarehouseStock as _inventory_v1_WarehouseStock, WarehouseStock__Output as _inventory_v1_WarehouseStock__Output } from '../../inventory/v1/WarehouseStock';

export interface Stock {
  'productId'?: (string);
  'warehouses'?: (_inventory_v1_WarehouseStock)[];
  'totalQuantity'?: (number);
  /**
   * When the figures were last counted, as an RFC 3339 timestamp.
   */
  'updatedAt'?: (string);
}

export interface Stock__Output {
  'productId': (string);
  'warehouses': (_inventory_v1_WarehouseStock__Output)[];
  'totalQuantity': (number);
  /**
   * When the figures were last counted, as an RFC 3339 timestamp.
   */
  'updatedAt': (string);
}
