import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/web-bff.openapi';

/** Every route of the web BFF, with its parameters, body and answers by status, as its OpenAPI document says. */
export type WebBffPaths = paths;

/** Every operation of the web BFF by its `operationId` (`getProductDetails`, `submitReview`, …). */
export type WebBffOperations = operations;

/** The named schemas of the document (`WebProductDetails`, `Problem`, …). */
export type WebBffSchemas = components['schemas'];

/**
 * One schema of the document by its name.
 *
 * @example
 * type Page = WebBffSchema<'WebProductDetails'>;
 */
export type WebBffSchema<Name extends keyof WebBffSchemas> = WebBffSchemas[Name];

/** A client whose paths, parameters, bodies and answers are typed by the web BFF's document. */
export type WebBffClient = Client<WebBffPaths>;

/** `baseUrl`, a custom `fetch` (it receives a `Request`), default headers, and any `RequestInit` field. */
export type WebBffClientOptions = ClientOptions;

/**
 * A typed client of the web BFF (openapi-fetch): a path the document does not list, a
 * missing path parameter or a body of the wrong shape fails to compile, and `data` is
 * the answer of the route's success status.
 *
 * @example
 * const bff = createWebBffClient({ baseUrl: location.origin, credentials: 'same-origin' });
 * const { data, error, response } = await bff.GET('/product-details/{productId}', {
 *   params: { path: { productId: '42' } },
 * });
 */
export function createWebBffClient(options: WebBffClientOptions = {}): WebBffClient {
  return createClient<WebBffPaths>(options);
}
