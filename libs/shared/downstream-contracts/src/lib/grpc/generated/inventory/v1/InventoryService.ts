// Original file: libs/shared/downstream-contracts/proto/inventory/v1/inventory.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetStockRequest as _inventory_v1_GetStockRequest, GetStockRequest__Output as _inventory_v1_GetStockRequest__Output } from '../../inventory/v1/GetStockRequest';
import type { Stock as _inventory_v1_Stock, Stock__Output as _inventory_v1_Stock__Output } from '../../inventory/v1/Stock';

export interface InventoryServiceClient extends grpc.Client {
  /**
   * The stock of one product across warehouses. NOT_FOUND for a product the service
   * does not know, INVALID_ARGUMENT for a malformed id. Idempotent: safe to retry.
   */
  GetStock(argument: _inventory_v1_GetStockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  GetStock(argument: _inventory_v1_GetStockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  GetStock(argument: _inventory_v1_GetStockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  GetStock(argument: _inventory_v1_GetStockRequest, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  /**
   * The stock of one product across warehouses. NOT_FOUND for a product the service
   * does not know, INVALID_ARGUMENT for a malformed id. Idempotent: safe to retry.
   */
  getStock(argument: _inventory_v1_GetStockRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  getStock(argument: _inventory_v1_GetStockRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  getStock(argument: _inventory_v1_GetStockRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  getStock(argument: _inventory_v1_GetStockRequest, callback: grpc.requestCallback<_inventory_v1_Stock__Output>): grpc.ClientUnaryCall;
  
}

export interface InventoryServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The stock of one product across warehouses. NOT_FOUND for a product the service
   * does not know, INVALID_ARGUMENT for a malformed id. Idempotent: safe to retry.
   */
  GetStock: grpc.handleUnaryCall<_inventory_v1_GetStockRequest__Output, _inventory_v1_Stock>;
  
}

export interface InventoryServiceDefinition extends grpc.ServiceDefinition {
  GetStock: MethodDefinition<_inventory_v1_GetStockRequest, _inventory_v1_Stock, _inventory_v1_GetStockRequest__Output, _inventory_v1_Stock__Output>
}
