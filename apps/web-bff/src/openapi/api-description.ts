import { CONTRACT_SCHEMAS } from '@bff/contracts';
import { DOWNSTREAM_SCHEMAS } from '@bff/downstream-contracts';
import { type ApiDescription, describeHttpApi } from '@bff/platform';
import { WEB_CONTRACT_SCHEMAS } from '@bff/web-contracts';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app/app.module';

/**
 * What the web gateway's API description says beyond its controllers: the browser
 * signs in to a session (the `__Host-bff_session` cookie, and the `x-csrf-token`
 * header on writes); other clients send a bearer token.
 */
export const WEB_BFF_API: ApiDescription = {
  title: 'Web BFF',
  version: '1',
  description:
    'The gateway of the browser app: product pages composed from several services, profiles, reviews posted as commands, and browser sessions. Every error is an RFC 9457 problem with a stable `code`.',
  tags: {
    products: 'Product pages, composed from the product, review, inventory and shipping services.',
    users: 'Profiles.',
    reviews: 'Reviews, posted as commands.',
    operations: 'Where an accepted command stands.',
    session: 'Browser sign-in: a session cookie and a CSRF token instead of a token in the browser.',
  },
  securitySchemes: {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'An access token (`typ: at+jwt`) whose audience is `web-bff`.',
    },
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: '__Host-bff_session',
      description: 'The browser session set by `POST /auth/login`.',
    },
    csrfToken: {
      type: 'apiKey',
      in: 'header',
      name: 'x-csrf-token',
      description:
        'The `csrfToken` of `POST /auth/login` (or `GET /auth/me`): required on every write made with the session cookie.',
    },
  },
  schemas: { ...CONTRACT_SCHEMAS, ...DOWNSTREAM_SCHEMAS, ...WEB_CONTRACT_SCHEMAS },
};

/**
 * The web gateway's OpenAPI document, as `tools/scripts/generate-openapi.mjs` writes
 * it to `apps/web-bff/openapi.json`.
 *
 * @example
 * const document = await describeApi();
 */
export function describeApi(): Promise<OpenAPIObject> {
  return describeHttpApi(AppModule, WEB_BFF_API);
}
