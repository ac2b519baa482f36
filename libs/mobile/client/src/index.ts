export { MobileBffClient, type MobileBffClientOptions, type ReviewDraft } from './lib/mobile-bff.client';
export { MobileBffProblem } from './lib/mobile-bff.problem';
export type { MobileBffResponse, TransferredBytes } from './lib/mobile-bff.response';
// The answers' types, so an app needs this one import to read them.
export { isUnavailable, type Operation, type Section, type Unavailable } from '@bff/contracts';
export type { MobileMoney, MobileProductDetails, MobileProductDetailsV2, MobileUser } from '@bff/mobile-contracts';
