import { TypedConfig, amqpConfigShape } from '@bff/config';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

/**
 * The HTTP port serves only the demo's fault knobs and health; delivery estimates are
 * answered over AMQP, on the broker and under the prefix `amqpConfigShape` reads.
 */
export const shippingServiceConfigSchema = z.object({
  ...listenConfigShape(DOWNSTREAM_SERVICES.shipping.defaultPort),
  ...amqpConfigShape(),
});

export class ShippingServiceConfig extends TypedConfig<z.output<typeof shippingServiceConfigSchema>> {}
