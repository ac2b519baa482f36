import { type JsonSchema, objectSchema, schemaRef } from '@bff/contracts';
import { z } from 'zod';
import { deliveryOptionSchema } from './amqp/delivery-estimate.schema';
import type { WarehouseStock } from './inventory';
import type { Money } from './money';
import type { Product, ProductImage } from './product';
import type { RatingSummary, Review } from './review';
import { reviewDraftSchema } from './review-draft.schema';
import type { Address } from './user';

const RATING = { type: 'integer', minimum: 1, maximum: 5 } as const;
const TIMESTAMP = { type: 'string', format: 'date-time' } as const;

export const moneySchema = objectSchema<Money>()({
  type: 'object',
  description: 'An amount in the currency’s minor unit (cents for USD).',
  properties: {
    amountMinor: { type: 'integer', minimum: 0 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.' },
  },
  required: ['amountMinor', 'currency'],
  additionalProperties: false,
});

export const productImageSchema = objectSchema<ProductImage>()({
  type: 'object',
  properties: {
    size: { enum: ['thumbnail', 'small', 'medium', 'large'] },
    url: { type: 'string', format: 'uri' },
    width: { type: 'integer' },
    height: { type: 'integer' },
  },
  required: ['size', 'url', 'width', 'height'],
  additionalProperties: false,
});

export const productSchema = objectSchema<Product>()({
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    brand: { type: 'string' },
    category: { type: 'string' },
    price: schemaRef('Money'),
    images: { type: 'array', items: schemaRef('ProductImage') },
    attributes: { type: 'object', additionalProperties: { type: 'string' } },
    createdAt: TIMESTAMP,
  },
  required: ['id', 'name', 'description', 'brand', 'category', 'price', 'images', 'attributes', 'createdAt'],
  additionalProperties: false,
});

export const reviewSchema = objectSchema<Review>()({
  type: 'object',
  properties: {
    id: { type: 'string' },
    productId: { type: 'string' },
    rating: RATING,
    title: { type: 'string' },
    body: { type: 'string' },
    author: { type: 'string' },
    createdAt: TIMESTAMP,
  },
  required: ['id', 'productId', 'rating', 'title', 'body', 'author', 'createdAt'],
  additionalProperties: false,
});

const HISTOGRAM_BUCKET = { type: 'integer', minimum: 0 } as const;

export const ratingSummarySchema = objectSchema<RatingSummary>()({
  type: 'object',
  description: 'Aggregates over every review of the product, not just the first page.',
  properties: {
    count: { type: 'integer', minimum: 0 },
    average: {
      type: 'number',
      minimum: 0,
      maximum: 5,
      description: 'Rounded to two decimals; 0 without reviews.',
    },
    histogram: {
      type: 'object',
      properties: {
        1: HISTOGRAM_BUCKET,
        2: HISTOGRAM_BUCKET,
        3: HISTOGRAM_BUCKET,
        4: HISTOGRAM_BUCKET,
        5: HISTOGRAM_BUCKET,
      },
      required: ['1', '2', '3', '4', '5'],
      additionalProperties: false,
    },
  },
  required: ['count', 'average', 'histogram'],
  additionalProperties: false,
});

export const warehouseStockSchema = objectSchema<WarehouseStock>()({
  type: 'object',
  properties: {
    warehouseId: { type: 'string' },
    name: { type: 'string' },
    quantity: { type: 'integer', minimum: 0 },
  },
  required: ['warehouseId', 'name', 'quantity'],
  additionalProperties: false,
});

export const addressSchema = objectSchema<Address>()({
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

/** A zod contract as JSON Schema, without the `$schema` keyword an embedded schema must not repeat. */
function fromZod(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json: Record<string, unknown> = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
  delete json['$schema'];
  return json;
}

/**
 * The components the downstream contracts contribute to a gateway's API description,
 * by name. The zod contracts are converted by `z.toJSONSchema` (a review as it is
 * posted, a delivery option as it is answered), so they are written once.
 *
 * @example
 * document.components.schemas = { ...DOWNSTREAM_SCHEMAS, ...CONTRACT_SCHEMAS };
 */
export const DOWNSTREAM_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  Money: moneySchema,
  ProductImage: productImageSchema,
  Product: productSchema,
  Review: reviewSchema,
  RatingSummary: ratingSummarySchema,
  WarehouseStock: warehouseStockSchema,
  Address: addressSchema,
  DeliveryOption: fromZod(deliveryOptionSchema, 'output'),
  ReviewDraft: fromZod(reviewDraftSchema, 'input'),
};
