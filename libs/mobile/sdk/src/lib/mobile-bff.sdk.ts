import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './generated/mobile-bff.openapi';

/** Every route of the mobile BFF, with its parameters, body and answers by status, as its OpenAPI document says. */
export type MobileBffPaths = paths;

/** Every operation of the mobile BFF by its `operationId` (`getProductDetails`, `submitReview`, …). */
export type MobileBffOperations = operations;

/** The named schemas of the document (`MobileProductDetails`, `Problem`, …). */
export type MobileBffSchemas = components['schemas'];

/**
 * One schema of the document by its name.
 *
 * @example
 * type Page = MobileBffSchema<'MobileProductDetails'>;
 */
export type MobileBffSchema<Name extends keyof MobileBffSchemas> = MobileBffSchemas[Name];

/** A client whose paths, parameters, bodies and answers are typed by the mobile BFF's document. */
export type MobileBffClient = Client<MobileBffPaths>;

/** `baseUrl`, a custom `fetch` (it receives a `Request`), default headers, and any `RequestInit` field. */
export type MobileBffClientOptions = ClientOptions;

/**
 * A typed client of the mobile BFF (openapi-fetch): a path the document does not list, a
 * missing path parameter or a body of the wrong shape fails to compile, and `data` is
 * the answer of the route's success status.
 *
 * @example
 * const bff = createMobileBffClient({ baseUrl: 'https://m.example.com', headers: { authorization: `Bearer ${token}` } });
 * const { data, error, response } = await bff.GET('/product-details/{productId}', {
 *   params: { path: { productId: '42' } },
 * });
 */
export function createMobileBffClient(options: MobileBffClientOptions = {}): MobileBffClient {
  return createClient<MobileBffPaths>(options);
}
