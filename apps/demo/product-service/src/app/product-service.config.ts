import { TypedConfig } from '@bff/config';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const productServiceConfigSchema = z.object({ ...listenConfigShape(DOWNSTREAM_SERVICES.product.defaultPort) });

export class ProductServiceConfig extends TypedConfig<z.output<typeof productServiceConfigSchema>> {}
