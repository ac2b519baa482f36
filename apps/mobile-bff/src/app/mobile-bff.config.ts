import { TypedConfig, millis } from '@bff/config';
import { listenConfigShape } from '@bff/platform';
import { downstreamConfigShape } from '@bff/service-clients';
import { z } from 'zod';

export const mobileBffConfigSchema = z.object({
  ...listenConfigShape(3001),
  ...downstreamConfigShape(),
  /** Total time the product screen may take; its parts share it. Mobile users wait less. */
  PRODUCT_DETAILS_BUDGET_MS: millis(1_200),
});

export class MobileBffConfig extends TypedConfig<z.output<typeof mobileBffConfigSchema>> {}
