import { type JsonSchema, objectSchema, schemaRef, sectionSchema } from '@bff/contracts';
import {
  MOBILE_REVIEW_BODY_LIMIT,
  type MobileDeliverySection,
  type MobileProductDetails,
  type MobileRatingSection,
  type MobileReviewSnippet,
  type MobileStockSection,
} from './product-details.response';
import type {
  MobileDeliverySectionV2,
  MobileMoney,
  MobileProductDetailsV2,
  MobileRatingSectionV2,
  MobileReviewV2,
} from './product-details-v2.response';
import type { MobileUser } from './user.response';

const OK = { const: 'ok' } as const;

/** What a review shows in both versions; version 2 adds its id and date. */
const REVIEW_PROPERTIES = {
    rating: { type: 'integer', minimum: 1, maximum: 5 },
    title: { type: 'string' },
    body: {
      type: 'string',
      maxLength: MOBILE_REVIEW_BODY_LIMIT,
      description: 'Cut at a word and ended with "…" when longer.',
    },
    author: { type: 'string' },
} as const;

/** The rating summary of both versions; they differ only in how they list reviews. */
const RATING_SUMMARY_PROPERTIES = {
    average: { type: 'number', minimum: 0, maximum: 5 },
    count: { type: 'integer', minimum: 0 },
} as const;

const mobileReviewSnippetSchema = objectSchema<MobileReviewSnippet>()({
  type: 'object',
  properties: {
    ...REVIEW_PROPERTIES,
  },
  required: ['rating', 'title', 'body', 'author'],
  additionalProperties: false,
});

const mobileRatingSectionSchema = objectSchema<{ status: 'ok' } & MobileRatingSection>()({
  type: 'object',
  properties: {
    status: OK,
    ...RATING_SUMMARY_PROPERTIES,
    top: {
      type: 'array',
      maxItems: 3,
      items: schemaRef('MobileReviewSnippet'),
      description: 'The three most recent reviews.',
    },
  },
  required: ['status', 'average', 'count', 'top'],
  additionalProperties: false,
});

const mobileStockSectionSchema = objectSchema<{ status: 'ok' } & MobileStockSection>()({
  type: 'object',
  properties: { status: OK, inStock: { type: 'boolean' }, quantity: { type: 'integer', minimum: 0 } },
  required: ['status', 'inStock', 'quantity'],
  additionalProperties: false,
});

const mobileDeliverySectionSchema = objectSchema<{ status: 'ok' } & MobileDeliverySection>()({
  type: 'object',
  description: 'The soonest delivery option (of equally soon ones, the cheaper).',
  properties: {
    status: OK,
    name: { type: 'string' },
    estimatedDays: { type: 'integer', minimum: 0 },
    cost: schemaRef('Money'),
  },
  required: ['status', 'name', 'estimatedDays', 'cost'],
  additionalProperties: false,
});

const mobileProductDetailsSchema = objectSchema<MobileProductDetails>()({
  type: 'object',
  description: 'What the product screen draws. `rating`, `stock` and `delivery` may be `unavailable`.',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    price: schemaRef('Money'),
    thumbnailUrl: { type: 'string', format: 'uri' },
    rating: sectionSchema('MobileRatingSection'),
    stock: sectionSchema('MobileStockSection'),
    delivery: sectionSchema('MobileDeliverySection'),
  },
  required: ['id', 'name', 'price', 'thumbnailUrl', 'rating', 'stock', 'delivery'],
  additionalProperties: false,
});

const mobileMoneySchema = objectSchema<MobileMoney>()({
  type: 'object',
  description: 'An amount in the currency’s major unit, with exactly as many decimals as the currency has.',
  properties: {
    amount: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code.' },
  },
  required: ['amount', 'currency'],
  additionalProperties: false,
});

const mobileReviewV2Schema = objectSchema<MobileReviewV2>()({
  type: 'object',
  properties: {
    id: { type: 'string' },
    ...REVIEW_PROPERTIES,
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'rating', 'title', 'body', 'author', 'createdAt'],
  additionalProperties: false,
});

const mobileRatingSectionV2Schema = objectSchema<{ status: 'ok' } & MobileRatingSectionV2>()({
  type: 'object',
  properties: {
    status: OK,
    ...RATING_SUMMARY_PROPERTIES,
    recent: {
      type: 'array',
      maxItems: 3,
      items: schemaRef('MobileReviewV2'),
      description: 'The three most recent reviews, newest first.',
    },
  },
  required: ['status', 'average', 'count', 'recent'],
  additionalProperties: false,
});

const mobileDeliverySectionV2Schema = objectSchema<{ status: 'ok' } & MobileDeliverySectionV2>()({
  type: 'object',
  description: 'The soonest delivery option (of equally soon ones, the cheaper).',
  properties: {
    status: OK,
    name: { type: 'string' },
    estimatedDays: { type: 'integer', minimum: 0 },
    cost: schemaRef('MobileMoney'),
  },
  required: ['status', 'name', 'estimatedDays', 'cost'],
  additionalProperties: false,
});

const mobileProductDetailsV2Schema = objectSchema<MobileProductDetailsV2>()({
  type: 'object',
  description:
    'What the product screen draws, version 2: money as `MobileMoney`, and `rating.recent` with review ids and dates. `rating`, `stock` and `delivery` may be `unavailable`.',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    price: schemaRef('MobileMoney'),
    thumbnailUrl: { type: 'string', format: 'uri' },
    rating: sectionSchema('MobileRatingSectionV2'),
    stock: sectionSchema('MobileStockSection'),
    delivery: sectionSchema('MobileDeliverySectionV2'),
  },
  required: ['id', 'name', 'price', 'thumbnailUrl', 'rating', 'stock', 'delivery'],
  additionalProperties: false,
});

const mobileUserSchema = objectSchema<MobileUser>()({
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string', format: 'email' },
    address: schemaRef('Address'),
  },
  required: ['id', 'name', 'email', 'address'],
  additionalProperties: false,
});

/**
 * The mobile contracts' components of the mobile gateway's API description, by name.
 *
 * @example
 * document.components.schemas = { ...CONTRACT_SCHEMAS, ...DOWNSTREAM_SCHEMAS, ...MOBILE_CONTRACT_SCHEMAS };
 */
export const MOBILE_CONTRACT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  MobileProductDetails: mobileProductDetailsSchema,
  MobileReviewSnippet: mobileReviewSnippetSchema,
  MobileRatingSection: mobileRatingSectionSchema,
  MobileStockSection: mobileStockSectionSchema,
  MobileDeliverySection: mobileDeliverySectionSchema,
  MobileProductDetailsV2: mobileProductDetailsV2Schema,
  MobileMoney: mobileMoneySchema,
  MobileReviewV2: mobileReviewV2Schema,
  MobileRatingSectionV2: mobileRatingSectionV2Schema,
  MobileDeliverySectionV2: mobileDeliverySectionV2Schema,
  MobileUser: mobileUserSchema,
};
