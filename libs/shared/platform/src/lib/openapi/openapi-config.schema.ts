import { flag } from '@bff/config';

/**
 * The variable of the API description route, to spread into an app's config schema:
 * `OPENAPI_ENABLED=false` takes `GET /openapi.json` away (404).
 *
 * @example
 * const schema = z.object({ ...listenConfigShape(3000), ...openApiConfigShape() });
 */
export function openApiConfigShape() {
  return { OPENAPI_ENABLED: flag(true) };
}
