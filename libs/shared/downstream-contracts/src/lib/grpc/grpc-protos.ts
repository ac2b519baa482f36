import { loadPackageDefinition } from '@grpc/grpc-js';
import { fromJSON, type Options } from '@grpc/proto-loader';
import { HEALTH_V1_DESCRIPTOR, INVENTORY_V1_DESCRIPTOR } from './generated/descriptors';
import type { ProtoGrpcType as HealthV1 } from './generated/health';
import type { ProtoGrpcType as InventoryV1 } from './generated/inventory';

/**
 * How both ends turn messages into objects, the same options the types were generated
 * with (`tools/scripts/generate-grpc.mjs`): camelCase fields, enums as their names,
 * every field present (a proto3 default is a value, not an absence).
 */
export const GRPC_LOADER_OPTIONS = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
} as const satisfies Options;

/** A generated descriptor, which `fromJSON` reads as protobufjs' namespace JSON. */
type Descriptor = Parameters<typeof fromJSON>[0];

/**
 * The `inventory.v1` package, typed from its proto: the service's constructor for a
 * client, its definition for a server.
 *
 * @example
 * const { InventoryService } = inventoryV1().inventory.v1;
 * const client = new InventoryService('127.0.0.1:5003', credentials.createInsecure());
 */
export function inventoryV1(): InventoryV1 {
  return loadPackageDefinition(fromJSON(INVENTORY_V1_DESCRIPTOR as Descriptor, GRPC_LOADER_OPTIONS)) as unknown as InventoryV1;
}

/**
 * The `grpc.health.v1` package of the gRPC health checking protocol.
 *
 * @example
 * const { Health } = healthV1().grpc.health.v1;
 */
export function healthV1(): HealthV1 {
  return loadPackageDefinition(fromJSON(HEALTH_V1_DESCRIPTOR as Descriptor, GRPC_LOADER_OPTIONS)) as unknown as HealthV1;
}
