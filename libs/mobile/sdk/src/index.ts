export {
  createMobileBffClient,
  type MobileBffClient,
  type MobileBffClientOptions,
  type MobileBffOperations,
  type MobileBffPaths,
  type MobileBffSchema,
  type MobileBffSchemas,
} from './lib/mobile-bff.sdk';
