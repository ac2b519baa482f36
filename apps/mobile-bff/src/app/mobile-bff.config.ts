import { cachingConfigShape } from '@bff/caching';
import { TypedConfig, amqpConfigShape, millis, refineRedisConfig } from '@bff/config';
import { authConfigShape, refineAuthConfig } from '@bff/auth';
import {
  accessLogConfigShape,
  admissionConfigShape,
  listenConfigShape,
  openApiConfigShape,
  refineAdmissionConfig,
  requestContextConfigShape,
} from '@bff/platform';
import { reviewCommandsConfigShape } from '@bff/reviews';
import { metricsConfigShape, refineMetricsConfig } from '@bff/observability';
import { downstreamConfigShape } from '@bff/service-clients';
import { rateLimitTier, throttlingConfigShape } from '@bff/throttling';
import { z } from 'zod';
import { apiDeprecationConfigShape, refineApiDeprecationConfig } from './api-versions/api-deprecation.config';

export const mobileBffConfigSchema = z
  .object({
    ...listenConfigShape(3001),
    ...accessLogConfigShape(),
    ...admissionConfigShape(),
    ...requestContextConfigShape(),
    ...downstreamConfigShape(),
    ...authConfigShape('mobile'),
    ...throttlingConfigShape(),
    ...cachingConfigShape(),
    ...amqpConfigShape(),
    ...reviewCommandsConfigShape(),
    ...openApiConfigShape(),
    ...metricsConfigShape(9301),
    ...apiDeprecationConfigShape(),
    /** Per signed-in user, else per IP: short bursts as a screen opens, a steady rate after. */
    RATE_LIMIT_DEFAULT: rateLimitTier('burst=20/1s, minute=600/1m'),
    /** Per user on `POST /products/:productId/reviews`. */
    RATE_LIMIT_REVIEW_WRITES: rateLimitTier('review-writes=5/1m'),
    /** Total time the product screen may take; its parts share it. Mobile users wait less. */
    PRODUCT_DETAILS_BUDGET_MS: millis(1_200),
  })
  .superRefine(refineAuthConfig)
  .superRefine(refineAdmissionConfig)
  .superRefine(refineRedisConfig)
  .superRefine(refineMetricsConfig)
  .superRefine(refineApiDeprecationConfig);

export class MobileBffConfig extends TypedConfig<z.output<typeof mobileBffConfigSchema>> {}
