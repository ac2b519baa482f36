import { TypedConfig } from '@bff/config';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const productServiceConfigSchema = z.object({ ...listenConfigShape(4001) });

export class ProductServiceConfig extends TypedConfig<z.output<typeof productServiceConfigSchema>> {}
