import { TypedConfig } from '@bff/config';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const inventoryServiceConfigSchema = z.object({ ...listenConfigShape(DOWNSTREAM_SERVICES.inventory.defaultPort) });

export class InventoryServiceConfig extends TypedConfig<z.output<typeof inventoryServiceConfigSchema>> {}
