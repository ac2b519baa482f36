import { cachingConfigShape } from '@bff/caching';
import { TypedConfig, amqpConfigShape, millis, refineRedisConfig } from '@bff/config';
import { authConfigShape, refineAuthConfig, webSessionConfigShape } from '@bff/auth';
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
import { webAppConfigShape } from './web-app/web-app.config';

export const webBffConfigSchema = z
  .object({
    ...listenConfigShape(3000),
    ...accessLogConfigShape(),
    ...admissionConfigShape(),
    ...requestContextConfigShape(),
    ...downstreamConfigShape(),
    ...authConfigShape('web'),
    ...webSessionConfigShape(),
    ...throttlingConfigShape(),
    ...cachingConfigShape(),
    ...amqpConfigShape(),
    ...reviewCommandsConfigShape(),
    ...openApiConfigShape(),
    ...metricsConfigShape(9300),
    ...webAppConfigShape(),
    /** Per signed-in user (or session), else per IP: a page load fans out into a few API calls. */
    RATE_LIMIT_DEFAULT: rateLimitTier('burst=30/1s, minute=900/1m'),
    /** Per IP and username on `POST /auth/login`, against password guessing. */
    RATE_LIMIT_LOGIN: rateLimitTier('login=5/1m'),
    /** Per IP whatever the email on `POST /auth/login`: one password sprayed over many accounts. */
    RATE_LIMIT_LOGIN_IP: rateLimitTier('login-ip=20/1m'),
    /** Per email whatever the IP on `POST /auth/login`: many addresses guessing at one account. */
    RATE_LIMIT_LOGIN_ACCOUNT: rateLimitTier('login-account=10/5m'),
    /** Per user on `POST /products/:productId/reviews`. */
    RATE_LIMIT_REVIEW_WRITES: rateLimitTier('review-writes=5/1m'),
    /** Total time a product page may take; its parts share it. */
    PRODUCT_DETAILS_BUDGET_MS: millis(1_500),
  })
  .superRefine(refineAuthConfig)
  .superRefine(refineAdmissionConfig)
  .superRefine(refineRedisConfig)
  .superRefine(refineMetricsConfig);

export class WebBffConfig extends TypedConfig<z.output<typeof webBffConfigSchema>> {}
