import { TypedConfig, amqpConfigShape } from '@bff/config';
import { DOWNSTREAM_SERVICES } from '@bff/downstream-contracts';
import { listenConfigShape } from '@bff/platform';
import { z } from 'zod';

export const reviewServiceConfigSchema = z.object({
  ...listenConfigShape(DOWNSTREAM_SERVICES.review.defaultPort),
  ...amqpConfigShape(),
});

export class ReviewServiceConfig extends TypedConfig<z.output<typeof reviewServiceConfigSchema>> {}
