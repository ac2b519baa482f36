import { TypedConfig } from '@bff/config';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const inventoryServiceConfigSchema = z.object({ ...listenConfigShape(4003) });

export class InventoryServiceConfig extends TypedConfig<z.output<typeof inventoryServiceConfigSchema>> {}
