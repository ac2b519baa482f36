import { type JsonSchema, objectSchema, schemaRef } from './json-schema';
import type { Operation, OperationStatus } from './operation';
import type { Unavailable, UnavailableReason } from './section';

const UNAVAILABLE_REASONS = [
  'timeout',
  'unavailable',
  'not-found',
  'error',
] as const satisfies readonly UnavailableReason[];
const OPERATION_STATUSES = ['pending', 'done', 'failed'] as const satisfies readonly OperationStatus[];

/** The `unavailable` marker of an optional part. */
export const unavailableSchema = objectSchema<Unavailable>()({
  type: 'object',
  description:
    'Stands in for an optional part that could not be loaded; the response is still 200 and `x-bff-degraded` names the part.',
  properties: {
    status: { const: 'unavailable' },
    reason: { enum: UNAVAILABLE_REASONS, description: 'Why the part is missing.' },
  },
  required: ['status', 'reason'],
  additionalProperties: false,
});

/**
 * The schema of a `Section<T>`: the part marked `status: "ok"` (the component named
 * `okSchema`, whose `status` is the constant `ok`), or the `Unavailable` marker.
 *
 * @example
 * sectionSchema('WebReviewsSection'); // { oneOf: [{ $ref: …/WebReviewsSection }, { $ref: …/Unavailable }] }
 */
export function sectionSchema(okSchema: string): JsonSchema {
  return { oneOf: [schemaRef(okSchema), schemaRef('Unavailable')] };
}

/** The fields every operation has, whatever its status (the `Operation` type is a union over `status`). */
type OperationFields = { [K in keyof Operation]: Operation[K] } & { reviewId?: string };

/** An accepted command and where it stands: the body of `202 Accepted` and of `GET /operations/{id}`. */
export const operationSchema = {
  ...objectSchema<OperationFields>()({
    type: 'object',
    description: 'A command the broker has confirmed. `reviewId` is present once `status` is `done`.',
    properties: {
      id: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{1,64}$',
        description: 'The `Idempotency-Key` the client sent, or one the gateway made.',
      },
      kind: { const: 'review.submit' },
      productId: { type: 'string' },
      status: { enum: OPERATION_STATUSES },
      reviewId: { type: 'string' },
    },
    required: ['id', 'kind', 'productId', 'status'],
    additionalProperties: false,
  }),
  if: { properties: { status: { const: 'done' } } },
  then: { properties: { reviewId: { type: 'string' } }, required: ['reviewId'] },
  else: { properties: { reviewId: false } },
} as const;

/**
 * The components these contracts contribute to an API description, by name.
 *
 * @example
 * document.components.schemas = { ...CONTRACT_SCHEMAS, ...WEB_CONTRACT_SCHEMAS };
 */
export const CONTRACT_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  Unavailable: unavailableSchema,
  Operation: operationSchema,
};
