import { TypedConfig, port } from '@bff/config';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const inventoryServiceConfigSchema = z.object({
  ...listenConfigShape(DOWNSTREAM_SERVICES.inventory.defaultPort),
  /** Where `inventory.v1.InventoryService` and the gRPC health service listen, on `HOST`; 0 picks a free port. */
  GRPC_PORT: port(DOWNSTREAM_SERVICES.inventory.grpc.defaultPort),
});

export class InventoryServiceConfig extends TypedConfig<z.output<typeof inventoryServiceConfigSchema>> {}
