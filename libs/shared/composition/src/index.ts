export { compose, optional, required, type Composed, type PartLoader } from './lib/compose';
export { isUnavailable, type Section, type Unavailable, type UnavailableReason } from './lib/section';
