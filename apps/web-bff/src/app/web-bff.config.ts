import { TypedConfig, millis } from '@bff/config';
import { listenConfigShape } from '@bff/platform';
import { downstreamConfigShape } from '@bff/service-clients';
import { z } from 'zod';

export const webBffConfigSchema = z.object({
  ...listenConfigShape(3000),
  ...downstreamConfigShape(),
  /** Total time a product page may take; its parts share it. */
  PRODUCT_DETAILS_BUDGET_MS: millis(1_500),
});

export class WebBffConfig extends TypedConfig<z.output<typeof webBffConfigSchema>> {}
