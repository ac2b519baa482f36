import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetStockRequest as _inventory_v1_GetStockRequest, GetStockRequest__Output as _inventory_v1_GetStockRequest__Output } from './inventory/v1/GetStockRequest';
import type { InventoryServiceClient as _inventory_v1_InventoryServiceClient, InventoryServiceDefinition as _inventory_v1_InventoryServiceDefinition } from './inventory/v1/InventoryService';
import type { Stock as _inventory_v1_Stock, Stock__Output as _inventory_v1_Stock__Output } from './inventory/v1/Stock';
import type { WarehouseStock as _inventory_v1_WarehouseStock, WarehouseStock__Output as _inventory_v1_WarehouseStock__Output } from './inventory/v1/WarehouseStock';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  inventory: {
    v1: {
      GetStockRequest: MessageTypeDefinition<_inventory_v1_GetStockRequest, _inventory_v1_GetStockRequest__Output>
      InventoryService: SubtypeConstructor<typeof grpc.Client, _inventory_v1_InventoryServiceClient> & { service: _inventory_v1_InventoryServiceDefinition }
      Stock: MessageTypeDefinition<_inventory_v1_Stock, _inventory_v1_Stock__Output>
      WarehouseStock: MessageTypeDefinition<_inventory_v1_WarehouseStock, _inventory_v1_WarehouseStock__Output>
    }
  }
}

