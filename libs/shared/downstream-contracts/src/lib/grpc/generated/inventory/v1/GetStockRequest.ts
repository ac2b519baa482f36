// Original file: libs/shared/downstream-contracts/proto/inventory/v1/inventory.proto


export interface GetStockRequest {
  'productId'?: (string);
}

export interface GetStockRequest__Output {
  'productId': (string);
}
