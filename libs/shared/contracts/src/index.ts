export { isUnavailable, type Section, type Unavailable, type UnavailableReason } from './lib/section';
export type { Operation, OperationStatus } from './lib/operation';
export { CONTRACT_SCHEMAS, sectionSchema } from './lib/contracts.schemas';
export { objectSchema, schemaRef, type JsonSchema, type ObjectSchemaOf } from './lib/json-schema';
