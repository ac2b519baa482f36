export { isUnavailable, type Section, type Unavailable, type UnavailableReason } from './lib/section';
export type { Operation, OperationStatus } from './lib/operation';
