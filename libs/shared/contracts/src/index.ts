export { isUnavailable, type Section, type Unavailable, type UnavailableReason } from './lib/section';
