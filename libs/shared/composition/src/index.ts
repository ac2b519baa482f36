export { compose, optional, required, type Composed, type PartLoader } from './lib/compose';
// The marker types are contracts: they live in the leaf lib clients' contracts import,
// and are re-exported here so app code composing parts needs one import.
export { isUnavailable, type Section, type Unavailable, type UnavailableReason } from '@bff/contracts';
