/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1), as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** The fields of `T` that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/** The shape of an object contract's schema: one property per field of `T`, nothing else. */
export interface ObjectSchemaOf<T> {
  readonly type: 'object';
  readonly description?: string;
  readonly properties: { readonly [K in keyof T]-?: JsonSchema };
  readonly required: readonly RequiredKeys<T>[];
  readonly additionalProperties: false;
}

/** `unknown` when `S` describes exactly the fields of `T`; otherwise an object naming what is wrong. */
type Exactly<T, S extends ObjectSchemaOf<T>> = [
  Exclude<keyof S['properties'], keyof T>,
  Exclude<RequiredKeys<T>, S['required'][number]>,
] extends [never, never]
  ? unknown
  : {
      fieldsNotInTheType: Exclude<keyof S['properties'], keyof T>;
      requiredFieldsNotRequired: Exclude<RequiredKeys<T>, S['required'][number]>;
    };

/**
 * The JSON Schema of an object contract, checked against its TypeScript type when
 * it compiles: every field of `T` has a property and no other property is named,
 * and `required` lists exactly the fields `T` does not mark optional. The schema is
 * written once, beside the type; a field added to one and not the other fails the
 * type check. (Property schemas themselves are not checked against the field types.)
 *
 * @example
 * export const moneySchema = objectSchema<Money>()({
 *   type: 'object',
 *   properties: { amountMinor: { type: 'integer' }, currency: { type: 'string' } },
 *   required: ['amountMinor', 'currency'],
 *   additionalProperties: false,
 * });
 */
export function objectSchema<T>() {
  return <const S extends ObjectSchemaOf<T>>(schema: S & Exactly<T, S>): S => schema;
}

/**
 * A reference to a schema of `components.schemas`.
 *
 * @example
 * schemaRef('Money'); // { $ref: '#/components/schemas/Money' }
 */
export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}
