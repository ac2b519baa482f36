import { type JsonSchema, objectSchema, schemaRef, sectionSchema } from '@bff/contracts';
import type {
  WebDeliverySection,
  WebInventorySection,
  WebProductDetails,
  WebReviewsSection,
} from './product-details.response';
import type { WebReviewPage } from './review-page.response';
import type { WebAddress, WebLogin, WebMe, WebUser } from './user.response';

const OK = { const: 'ok' } as const;

const webReviewsSectionSchema = objectSchema<{ status: 'ok' } & WebReviewsSection>()({
  type: 'object',
  description: 'The first 10 reviews, newest first, and the rating summary over all of them.',
  properties: {
    status: OK,
    items: { type: 'array', items: schemaRef('Review') },
    nextCursor: { type: ['string', 'null'], description: '`null` on the last page.' },
    summary: schemaRef('RatingSummary'),
  },
  required: ['status', 'items', 'nextCursor', 'summary'],
  additionalProperties: false,
});

const webReviewPageSchema = objectSchema<WebReviewPage>()({
  type: 'object',
  description: 'A page of reviews after the product page’s first one, newest first.',
  properties: {
    items: { type: 'array', items: schemaRef('Review') },
    nextCursor: { type: ['string', 'null'], description: 'Pass back as `cursor` for the next page; `null` on the last page.' },
  },
  required: ['items', 'nextCursor'],
  additionalProperties: false,
});

const webInventorySectionSchema = objectSchema<{ status: 'ok' } & WebInventorySection>()({
  type: 'object',
  properties: {
    status: OK,
    inStock: { type: 'boolean' },
    totalQuantity: { type: 'integer', minimum: 0 },
    warehouses: { type: 'array', items: schemaRef('WarehouseStock') },
  },
  required: ['status', 'inStock', 'totalQuantity', 'warehouses'],
  additionalProperties: false,
});

const webDeliverySectionSchema = objectSchema<{ status: 'ok' } & WebDeliverySection>()({
  type: 'object',
  description: 'Every delivery option, cheapest first.',
  properties: { status: OK, options: { type: 'array', items: schemaRef('DeliveryOption') } },
  required: ['status', 'options'],
  additionalProperties: false,
});

const webProductDetailsSchema = objectSchema<WebProductDetails>()({
  type: 'object',
  description:
    'Everything a product page renders. `product` is required; the other parts may be `unavailable`.',
  properties: {
    product: schemaRef('Product'),
    reviews: sectionSchema('WebReviewsSection'),
    inventory: sectionSchema('WebInventorySection'),
    delivery: sectionSchema('WebDeliverySection'),
  },
  required: ['product', 'reviews', 'inventory', 'delivery'],
  additionalProperties: false,
});

const webAddressSchema = objectSchema<WebAddress>()({
  type: 'object',
  properties: {
    line1: { type: 'string' },
    city: { type: 'string' },
    postalCode: { type: 'string' },
    country: { type: 'string' },
  },
  required: ['line1', 'city', 'postalCode', 'country'],
  additionalProperties: false,
});

const webUserSchema = objectSchema<WebUser>()({
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    address: schemaRef('WebAddress'),
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'name', 'email', 'address', 'createdAt'],
  additionalProperties: false,
});

const webMeSchema = objectSchema<WebMe>()({
  type: 'object',
  properties: {
    sub: { type: 'string' },
    via: { enum: ['bearer', 'session'] },
    scopes: { type: 'array', items: { type: 'string' } },
    client: { type: 'string' },
    csrfToken: {
      type: 'string',
      description: 'Present for session callers: send it back as `x-csrf-token` on every write.',
    },
    profile: schemaRef('WebUser'),
  },
  required: ['sub', 'via', 'scopes'],
  additionalProperties: false,
});

const webLoginSchema = objectSchema<WebLogin>()({
  type: 'object',
  properties: {
    sub: { type: 'string' },
    csrfToken: {
      type: 'string',
      description: 'Send it back as `x-csrf-token` on every write made with the session cookie.',
    },
  },
  required: ['sub', 'csrfToken'],
  additionalProperties: false,
});

const webLoginRequestSchema: JsonSchema = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
  required: ['email', 'password'],
};

/**
 * The web contracts' components of the web gateway's API description, by name.
 *
 * @example
 * document.components.schemas = { ...CONTRACT_SCHEMAS, ...DOWNSTREAM_SCHEMAS, ...WEB_CONTRACT_SCHEMAS };
 */
export const WEB_CONTRACT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  WebProductDetails: webProductDetailsSchema,
  WebReviewsSection: webReviewsSectionSchema,
  WebReviewPage: webReviewPageSchema,
  WebInventorySection: webInventorySectionSchema,
  WebDeliverySection: webDeliverySectionSchema,
  WebAddress: webAddressSchema,
  WebUser: webUserSchema,
  WebMe: webMeSchema,
  WebLogin: webLoginSchema,
  WebLoginRequest: webLoginRequestSchema,
};
