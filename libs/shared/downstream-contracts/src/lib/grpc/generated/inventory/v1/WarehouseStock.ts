// Original file: libs/shared/downstream-contracts/proto/inventory/v1/inventory.proto


export interface WarehouseStock {
  'warehouseId'?: (string);
  'name'?: (string);
  'quantity'?: (number);
}

export interface WarehouseStock__Output {
  'warehouseId': (string);
  'name': (string);
  'quantity': (number);
}
