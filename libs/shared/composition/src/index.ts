export { compose, optional, required } from './lib/compose';
// The marker types are contracts: they live in the leaf lib clients' contracts import,
// and are re-exported here so app code composing parts needs one import.
export { isUnavailable, type Unavailable } from '@bff/contracts';
