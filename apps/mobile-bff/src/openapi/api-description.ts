import { CONTRACT_SCHEMAS } from '@bff/contracts';
import { DOWNSTREAM_SCHEMAS } from '@bff/downstream-contracts';
import { MOBILE_CONTRACT_SCHEMAS } from '@bff/mobile-contracts';
import { type ApiDescription, describeHttpApi } from '@bff/platform';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app/app.module';

/** What the mobile gateway's API description says beyond its controllers: the app sends a bearer token. */
export const MOBILE_BFF_API: ApiDescription = {
  title: 'Mobile BFF',
  version: '1',
  description:
    'The gateway of the phone app: small product screens composed from several services, profiles and reviews posted as commands. Every error is an RFC 9457 problem with a stable `code`.',
  tags: {
    products: 'Product screens, composed from the product, review, inventory and shipping services.',
    users: 'Profiles.',
    reviews: 'Reviews, posted as commands.',
    operations: 'Where an accepted command stands.',
  },
  securitySchemes: {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An access token (`typ: at+jwt`) whose audience is `mobile-bff`.',
    },
  },
  schemas: { ...CONTRACT_SCHEMAS, ...DOWNSTREAM_SCHEMAS, ...MOBILE_CONTRACT_SCHEMAS },
};

/**
 * The mobile gateway's OpenAPI document, as `tools/scripts/generate-openapi.mjs`
 * writes it to `apps/mobile-bff/openapi.json`.
 *
 * @example
 * const document = await describeApi();
 */
export function describeApi(): Promise<OpenAPIObject> {
  return describeHttpApi(AppModule, MOBILE_BFF_API);
}
